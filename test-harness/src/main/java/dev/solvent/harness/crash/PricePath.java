package dev.solvent.harness.crash;

/**
 * A price path through knots (minute, price relative to the start), log-linear between knots, with mean-reverting
 * noise on top: the shape of a crash, not a forecast.
 */
public final class PricePath {

  private final double start;
  private final double[] minutes;
  private final double[] levels;

  public PricePath(double start, double[][] knots) {
    this.start = start;
    this.minutes = new double[knots.length];
    this.levels = new double[knots.length];
    for (int i = 0; i < knots.length; i++) {
      minutes[i] = knots[i][0];
      levels[i] = Math.log(knots[i][1]);
      if (i > 0 && minutes[i] <= minutes[i - 1]) {
        throw new IllegalArgumentException("knots must be in increasing time");
      }
    }
  }

  public double start() {
    return start;
  }

  /** The path's price {@code millis} after its start, before noise. */
  public double at(long millis) {
    double minute = millis / 60_000.0;
    if (minute <= minutes[0]) {
      return start * Math.exp(levels[0]);
    }
    for (int i = 1; i < minutes.length; i++) {
      if (minute <= minutes[i]) {
        double w = (minute - minutes[i - 1]) / (minutes[i] - minutes[i - 1]);
        return start * Math.exp(levels[i - 1] + w * (levels[i] - levels[i - 1]));
      }
    }
    return start * Math.exp(levels[levels.length - 1]);
  }

  /** The lowest level relative to the start, over the knots. */
  public double trough() {
    double low = Double.POSITIVE_INFINITY;
    for (double l : levels) {
      low = Math.min(low, Math.exp(l));
    }
    return low;
  }
}
