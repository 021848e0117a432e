package dev.solvent.risk.pricing;

/**
 * Standard normal density and cumulative distribution, to double precision.
 *
 * <p>The CDF is Hart's algorithm 5666 (Hart et al., "Computer Approximations", 1968) in the form given by G. West,
 * "Better approximations to cumulative normal functions", Wilmott Magazine 2005: absolute error below 1e-14 over the
 * real line (relative error below 1e-8 far in the tail, Φ(−8) ≈ 6e-16), about twenty flops and one exponential.
 */
public final class NormalDistribution {

  static final double INV_SQRT_2PI = 0.3989422804014327;
  private static final double SQRT_2PI = 2.5066282746310002;

  private NormalDistribution() {}

  /** φ(x) = exp(-x²/2) / √(2π). */
  public static double density(double x) {
    return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
  }

  /** Φ(x) = P(Z ≤ x). */
  public static double cdf(double x) {
    return cdf(x, Math.exp(-0.5 * x * x));
  }

  /**
   * Φ(x) given {@code gaussian = exp(-x²/2)} already computed by the caller: Black-76 reuses one exponential for
   * Φ(d1), Φ(d2) and φ(d1).
   */
  static double cdf(double x, double gaussian) {
    double ax = Math.abs(x);
    double tail;
    if (ax > 37) {
      tail = 0;
    } else if (ax < 7.07106781186547) {
      // Hart's rational function in Estrin's form: the same coefficients, a dependency chain three deep instead of
      // seven, so the two CDFs of a Black-76 evaluation overlap in the pipeline.
      double x2 = ax * ax;
      double x4 = x2 * x2;
      double numerator = (220.206867912376 + 221.213596169931 * ax) + x2 * (112.079291497871 + 33.912866078383 * ax)
          + x4 * ((6.37396220353165 + 0.700383064443688 * ax) + x2 * 3.52624965998911e-02);
      double denominator = (440.413735824752 + 793.826512519948 * ax) + x2 * (637.333633378831 + 296.564248779674 * ax)
          + x4 * ((86.7807322029461 + 16.064177579207 * ax) + x2 * (1.75566716318264 + 8.83883476483184e-02 * ax));
      tail = gaussian * numerator / denominator;
    } else {
      double fraction = ax + 0.65;
      fraction = ax + 4 / fraction;
      fraction = ax + 3 / fraction;
      fraction = ax + 2 / fraction;
      fraction = ax + 1 / fraction;
      tail = gaussian / fraction / SQRT_2PI;
    }
    return x > 0 ? 1 - tail : tail;
  }
}
