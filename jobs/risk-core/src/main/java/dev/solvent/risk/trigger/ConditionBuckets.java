package dev.solvent.risk.trigger;

/**
 * The ranges of the market conditions dynamic margin reads besides the price that a band is computed to hold for.
 * Book depth has coarse shared buckets: a band holds for any depth inside the current bucket, and a new oracle
 * publication whose buckets differ from the previous one's revalues every holder of the underlying (a pure function
 * of one publication, so every subtask, restore and rescale agrees on when a bucket changed). Depth buckets are 25 %
 * wide (the liquidity add-on is a small share of margin), with one bucket for an unobserved book. The
 * realized-volatility multiplier and an option's implied volatility have no bucket: each account's bands name the
 * multipliers ({@link PriceBand}) and volatilities ({@link VolBand}) they hold for.
 */
public final class ConditionBuckets {

  static final double MULTIPLIER_TOLERANCE = 0.01;
  static final double DEPTH_STEP = 1.25;
  private static final double LOG_DEPTH_STEP = Math.log(DEPTH_STEP);
  /** The bucket of an unobserved depth. */
  public static final long EXACT = Long.MIN_VALUE;

  private ConditionBuckets() {}

  /**
   * The multipliers a band computed at {@code multiplier} holds for: exactly 1 at 1 (calm markets, dynamic margin
   * off), else within {@link #MULTIPLIER_TOLERANCE} of it (never below 1). Each account's bands carry their own
   * range, so a drifting multiplier revalues an account when it left that account's range, not everyone at once.
   */
  public static double[] multiplierRange(double multiplier) {
    if (multiplier == 1) {
      return new double[] {1, 1};
    }
    return new double[] {Math.max(1, multiplier * (1 - MULTIPLIER_TOLERANCE)),
        multiplier * (1 + MULTIPLIER_TOLERANCE)};
  }

  public static long depthBucket(double depth) {
    return depth > 0 && Double.isFinite(depth) ? (long) Math.floor(Math.log(depth) / LOG_DEPTH_STEP) : EXACT;
  }

  /** The lowest and highest depth of the bucket {@code depth} is in (the depth itself when unobserved). */
  static double[] depthRange(double depth) {
    long bucket = depthBucket(depth);
    if (bucket == EXACT) {
      return new double[] {depth, depth};
    }
    return new double[] {Math.min(depth, Math.pow(DEPTH_STEP, bucket)), Math.max(depth, Math.pow(DEPTH_STEP,
        bucket + 1))};
  }
}
