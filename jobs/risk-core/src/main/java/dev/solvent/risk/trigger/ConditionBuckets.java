package dev.solvent.risk.trigger;

/**
 * Coarse buckets of the market conditions dynamic margin reads besides the price: the realized-volatility
 * multiplier and the book depth of each side. A band is computed to hold for any value inside the current buckets;
 * a new oracle publication whose buckets differ from the previous one's revalues every holder of the underlying.
 * A pure function of one publication, so every subtask, restore and rescale agrees on when a bucket changed.
 *
 * <p>The multiplier's bucket is exact at 1 (calm markets, dynamic margin off) and 1 % wide above it; depth buckets
 * are 25 % wide (the liquidity add-on is a small share of margin), with one bucket for an unobserved book. An
 * option's implied volatility has no bucket: each account's bands name the volatilities they hold for
 * ({@link VolBand}).
 */
public final class ConditionBuckets {

  static final double MULTIPLIER_STEP = 1.01;
  static final double DEPTH_STEP = 1.25;
  private static final double LOG_MULTIPLIER_STEP = Math.log(MULTIPLIER_STEP);
  private static final double LOG_DEPTH_STEP = Math.log(DEPTH_STEP);
  /** The bucket of a multiplier of exactly 1, and of an unobserved depth. */
  public static final long EXACT = Long.MIN_VALUE;

  private ConditionBuckets() {}

  public static long multiplierBucket(double multiplier) {
    return multiplier == 1 ? EXACT : (long) Math.floor(Math.log(multiplier) / LOG_MULTIPLIER_STEP);
  }

  /** The lowest and highest multiplier of the bucket {@code multiplier} is in. */
  static double[] multiplierRange(double multiplier) {
    long bucket = multiplierBucket(multiplier);
    if (bucket == EXACT) {
      return new double[] {1, 1};
    }
    return new double[] {Math.min(multiplier, Math.max(1, Math.pow(MULTIPLIER_STEP, bucket))),
        Math.max(multiplier, Math.pow(MULTIPLIER_STEP, bucket + 1))};
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
