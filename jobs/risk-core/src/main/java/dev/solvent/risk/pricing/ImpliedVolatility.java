package dev.solvent.risk.pricing;

/**
 * Implied volatility under Black-76: the σ at which the model price equals a quoted price, to a relative accuracy in
 * volatility, however small the premium.
 *
 * <p>The solve runs in normalised space (Jäckel, "Let's Be Rational", Wilmott 2015): with y = |ln(F/K)| and total
 * standard deviation s = σ√T, the option's undiscounted time value divided by √(FK) is, by put-call parity, the
 * normalised out-of-the-money price
 *
 * <pre>
 *   b(s) = e^(−y/2)·Φ(−a₁) − e^(y/2)·Φ(−a₂) = b'(s)·(R(a₁) − R(a₂)),   a₁,₂ = y/s ∓ s/2,
 *   b'(s) = φ(y/s)·e^(−s²/8)   (the normalised vega),   R = Φ(−x)/φ(x) the Mills ratio,
 * </pre>
 *
 * increasing from 0 (s → 0) to e^(−y/2) (s → ∞). The Mills-ratio form keeps the relative accuracy of b where both
 * tail probabilities are tiny and the plain formula would subtract them ({@link NormalDistribution#millsRatio}).
 * Newton steps on ln b (derivative 1/(R(a₁) − R(a₂))), which is what keeps them well scaled for premiums of 1e-10 of
 * the forward and far below, start in the middle of a bracket that always holds the root (its top twice
 * Manaster-Koehler's s₀ = √(2y), or 1, doubled until it is above the quote) and stay inside it; a step that would
 * leave it bisects instead. It stops when a step moves s by less than 1e-14 of itself:
 * the volatility is then within a few 1e-14 relative of the root of the computed b (tests: 1e-12 relative, or
 * 1e-10 absolute, against 50-digit reference prices across moneyness, expiry and volatility).
 */
public final class ImpliedVolatility {

  public static final ImpliedVolatility DEFAULT = new ImpliedVolatility(200);

  private static final double STEP_TOLERANCE = 1e-14;
  private static final double MAX_STD_DEV = 1e3;

  private final int maxIterations;

  /** Outcome of a solve. */
  public sealed interface Result permits Solved, OutsideBounds {}

  /** The volatility found, and how many iterations it took. */
  public record Solved(double vol, int iterations) implements Result {}

  /** The quote admits no volatility: it is at or outside the no-arbitrage bounds [lower, upper]. */
  public record OutsideBounds(double price, double lower, double upper, String reason) implements Result {}

  public ImpliedVolatility(int maxIterations) {
    this.maxIterations = maxIterations;
  }

  public Result solve(OptionType type, double price, double forward, double strike, double years, double rate) {
    if (!(forward > 0) || !(strike > 0) || !(years > 0)) {
      throw new IllegalArgumentException("forward, strike and years must be positive: F=" + forward + " K=" + strike
          + " T=" + years);
    }
    double discount = Math.exp(-rate * years);
    double intrinsic = Math.max(type.sign() * (forward - strike), 0);
    double lower = discount * intrinsic;
    double upper = discount * (type == OptionType.CALL ? forward : strike);
    if (!(price > lower)) {
      return new OutsideBounds(price, lower, upper, "price " + price + " is not above the discounted intrinsic value "
          + lower + ": no time value, volatility undefined");
    }
    if (!(price < upper)) {
      return new OutsideBounds(price, lower, upper, "price " + price + " is not below the upper bound " + upper
          + " (discounted " + (type == OptionType.CALL ? "forward" : "strike") + ")");
    }
    double y = Math.abs(Math.log(forward / strike));
    double target = (price / discount - intrinsic) / Math.sqrt(forward * strike);
    if (!(target > 0)) {
      return new OutsideBounds(price, lower, upper, "price " + price + " carries no time value above the intrinsic "
          + intrinsic + " at double precision");
    }
    double logTarget = Math.log(target);
    double lo = 0;
    double hi = Math.max(2 * Math.sqrt(2 * y), 1);
    while (normalisedPrice(y, hi) < target) {
      lo = hi;
      hi *= 2;
      if (hi > MAX_STD_DEV) {
        return new OutsideBounds(price, lower, upper, "price " + price + " needs a total standard deviation σ√T above "
            + MAX_STD_DEV);
      }
    }
    double s = 0.5 * (lo + hi);
    for (int i = 1; i <= maxIterations; i++) {
      double[] priceAndSlope = logPriceAndSlope(y, s);
      double error = priceAndSlope[0] - logTarget;
      if (error == 0) {
        return new Solved(s / Math.sqrt(years), i);
      }
      if (error > 0) {
        hi = s;
      } else {
        lo = s;
      }
      double newton = s - error / priceAndSlope[1];
      double next = newton > lo && newton < hi ? newton : 0.5 * (lo + hi);
      boolean converged = Math.abs(next - s) <= STEP_TOLERANCE * s || hi - lo <= STEP_TOLERANCE * hi;
      s = next;
      if (converged) {
        return new Solved(s / Math.sqrt(years), i);
      }
    }
    return new Solved(s / Math.sqrt(years), maxIterations);
  }

  /** b(s) for y ≥ 0, s > 0: the normalised out-of-the-money Black price. */
  static double normalisedPrice(double y, double s) {
    double a1 = y / s - 0.5 * s;
    double a2 = y / s + 0.5 * s;
    if (a1 <= 0) {
      // Φ(−a₁) ≥ ½: the first term dominates, nothing cancels, and 1/φ(a₁) could overflow in the Mills form.
      return Math.exp(-0.5 * y) * NormalDistribution.cdf(-a1) - Math.exp(0.5 * y) * NormalDistribution.cdf(-a2);
    }
    return normalisedVega(y, s) * millsDifference(y, s);
  }

  /** R(y/s − s/2) − R(y/s + s/2): b over its vega. */
  private static double millsDifference(double y, double s) {
    return NormalDistribution.millsRatio(y / s - 0.5 * s) - NormalDistribution.millsRatio(y / s + 0.5 * s);
  }

  /** b'(s) = φ(y/s)·e^(−s²/8). */
  static double normalisedVega(double y, double s) {
    double h = y / s;
    return NormalDistribution.density(h) * Math.exp(-0.125 * s * s);
  }

  /** {ln b(s), d ln b / ds}; computed from the logarithm of the vega so that neither underflows before b does. */
  private static double[] logPriceAndSlope(double y, double s) {
    double a1 = y / s - 0.5 * s;
    double h = y / s;
    double logVega = -0.5 * h * h - 0.125 * s * s + Math.log(NormalDistribution.INV_SQRT_2PI);
    if (a1 <= 0) {
      double b = normalisedPrice(y, s);
      return new double[] {Math.log(b), Math.exp(logVega) / b};
    }
    double millsDifference = millsDifference(y, s);
    return new double[] {logVega + Math.log(millsDifference), 1 / millsDifference};
  }
}
