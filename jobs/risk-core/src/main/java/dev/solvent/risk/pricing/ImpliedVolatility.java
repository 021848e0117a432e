package dev.solvent.risk.pricing;

/**
 * Implied volatility under Black-76: the σ at which the model price equals a quoted price.
 *
 * <p>The price is strictly increasing in σ between its no-arbitrage bounds, from the discounted intrinsic value
 * (σ → 0) to D·F for calls and D·K for puts (σ → ∞), so a root exists exactly when the quote lies strictly inside
 * them. The solver keeps a bracket [lo, hi] that always contains the root and takes Newton steps on vega from the
 * Manaster-Koehler start σ0 = √(2|ln(F/K)|/T); a step that leaves the bracket, or a vanishing vega, is replaced by
 * bisection, so it converges for every price inside the bounds (Newton alone diverges deep out of the money).
 */
public final class ImpliedVolatility {

  public static final ImpliedVolatility DEFAULT = new ImpliedVolatility(1e-12, 200);

  private final double priceTolerance;
  private final int maxIterations;

  /** Outcome of a solve. */
  public sealed interface Result permits Solved, OutsideBounds {}

  /** The volatility found, and how many iterations it took. */
  public record Solved(double vol, int iterations) implements Result {}

  /** The quote admits no volatility: it is at or outside the no-arbitrage bounds [lower, upper]. */
  public record OutsideBounds(double price, double lower, double upper, String reason) implements Result {}

  public ImpliedVolatility(double priceTolerance, int maxIterations) {
    this.priceTolerance = priceTolerance;
    this.maxIterations = maxIterations;
  }

  public Result solve(OptionType type, double price, double forward, double strike, double years, double rate) {
    if (!(forward > 0) || !(strike > 0) || !(years > 0)) {
      throw new IllegalArgumentException("forward, strike and years must be positive: F=" + forward + " K=" + strike
          + " T=" + years);
    }
    double discount = Math.exp(-rate * years);
    double lower = discount * Math.max(type.sign() * (forward - strike), 0);
    double upper = discount * (type == OptionType.CALL ? forward : strike);
    if (!(price > lower)) {
      return new OutsideBounds(price, lower, upper, "price " + price + " is not above the discounted intrinsic value "
          + lower + ": no time value, volatility undefined");
    }
    if (!(price < upper)) {
      return new OutsideBounds(price, lower, upper, "price " + price + " is not below the upper bound " + upper
          + " (discounted " + (type == OptionType.CALL ? "forward" : "strike") + ")");
    }
    double tolerance = priceTolerance * Math.max(1, price);
    double lo = 0;
    double hi = 1;
    while (Black76.DEFAULT.price(type, forward, strike, years, hi, rate) < price) {
      lo = hi;
      hi *= 2;
      if (hi > 1e6) {
        return new OutsideBounds(price, lower, upper, "price " + price + " needs a volatility above 1e6");
      }
    }
    double vol = Math.min(Math.max(Math.sqrt(2 * Math.abs(Math.log(forward / strike)) / years), 0.05), hi);
    vol = vol <= lo ? 0.5 * (lo + hi) : vol;
    for (int i = 1; i <= maxIterations; i++) {
      OptionGreeks g = Black76.DEFAULT.greeks(type, forward, strike, years, vol, rate);
      double error = g.price() - price;
      if (Math.abs(error) <= tolerance) {
        return new Solved(vol, i);
      }
      if (error > 0) {
        hi = vol;
      } else {
        lo = vol;
      }
      double newton = g.vega() > 0 ? vol - error / g.vega() : Double.NaN;
      vol = newton > lo && newton < hi ? newton : 0.5 * (lo + hi);
      if (hi - lo <= 1e-15 * hi) {
        return new Solved(vol, i);
      }
    }
    return new Solved(vol, maxIterations);
  }
}
