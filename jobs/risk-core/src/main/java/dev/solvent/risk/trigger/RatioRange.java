package dev.solvent.risk.trigger;

/**
 * The margin ratios an account (or an isolated position) may take without any output changing: its status stays,
 * and the ratio stays within the update step of the last margin update. Null where no such range exists (a bankrupt
 * account is revalued on every price).
 */
public record RatioRange(double low, double high) {

  /** Relative shrink of each edge, so that rounding in the model never lands on the other side of it. */
  static final double EDGE_GUARD = 1e-9;

  /**
   * @param status the status's ratio interval: (0, 1) under maintenance, [1, warning) for a margin call, [warning, ∞)
   *     when healthy
   * @param lastRatio the ratio of the last margin update
   * @param step the relative move of the ratio that makes a margin update due
   * @param stepBoundsHigh whether the step bounds the ratio from above (false for an isolated position that is not
   *     the account's lowest: the account's ratio is the lowest one's)
   */
  public static RatioRange of(double statusLow, double statusHigh, double lastRatio, double step,
      boolean stepBoundsHigh) {
    double width = step * Math.max(Math.abs(lastRatio), 1e-12);
    double low = Math.max(statusLow, lastRatio - width) * (1 + EDGE_GUARD);
    double high = (stepBoundsHigh ? Math.min(statusHigh, lastRatio + width) : statusHigh) * (1 - EDGE_GUARD);
    return new RatioRange(low, high);
  }
}
