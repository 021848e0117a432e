package dev.solvent.job.riskarrays;

import dev.solvent.risk.oracle.Ewma;

/** The last oracle mark of an underlying and the EWMA of its annualized squared returns. */
public record UnderlyingMemory(double lastMark, long lastTime, double varianceRate) {

  /**
   * What is remembered after a mark at {@code time}: the variance rate updated with the return since the last mark
   * (unchanged at the same instant, NaN before a second mark). The risk-array stage and rebuilds from recorded
   * topics both step it, so they agree to the bit.
   */
  public static UnderlyingMemory after(UnderlyingMemory last, double mark, long time, long halfLifeMillis) {
    double varianceRate = Double.NaN;
    if (last != null && time > last.lastTime()) {
      long elapsed = time - last.lastTime();
      varianceRate = Ewma.update(last.varianceRate(), Ewma.varianceRate(last.lastMark(), mark, elapsed), elapsed,
          halfLifeMillis);
    } else if (last != null) {
      varianceRate = last.varianceRate();
    }
    return new UnderlyingMemory(mark, time, varianceRate);
  }

  /** √ of the variance rate: the realized volatility the dynamic margin reads; NaN before a second mark. */
  public double realizedVol() {
    return Double.isNaN(varianceRate) ? Double.NaN : Math.sqrt(varianceRate);
  }
}
