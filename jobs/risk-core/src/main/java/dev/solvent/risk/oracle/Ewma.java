package dev.solvent.risk.oracle;

/**
 * Exponentially weighted averages over irregular time: the weight of the past after Δt is 2^(−Δt / half-life).
 * The mark price smooths the index this way; realized variance is the same average of r² / Δt (annualized), so
 * realized volatility = √(EWMA of r²/Δt).
 */
public final class Ewma {

  public static final double MILLIS_PER_YEAR = 365.0 * 24 * 3600 * 1000;

  private Ewma() {}

  /** The average after observing {@code value} {@code elapsedMillis} after the previous average. */
  public static double update(double previous, double value, long elapsedMillis, long halfLifeMillis) {
    if (Double.isNaN(previous) || halfLifeMillis <= 0) {
      return value;
    }
    double keep = Math.pow(2, -(double) elapsedMillis / halfLifeMillis);
    return keep * previous + (1 - keep) * value;
  }

  /** Annualized variance rate of a log return over {@code elapsedMillis}. */
  public static double varianceRate(double previousPrice, double price, long elapsedMillis) {
    double r = Math.log(price / previousPrice);
    return r * r / (elapsedMillis / MILLIS_PER_YEAR);
  }
}
