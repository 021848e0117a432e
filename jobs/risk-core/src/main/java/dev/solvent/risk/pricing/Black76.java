package dev.solvent.risk.pricing;

/**
 * Black's (1976) model for European options on a forward or futures price F:
 *
 * <pre>
 *   d1 = (ln(F/K) + σ²T/2) / (σ√T),   d2 = d1 − σ√T,   D = e^(−rT)
 *   call = D·(F·Φ(d1) − K·Φ(d2))        put = D·(K·Φ(−d2) − F·Φ(−d1))
 *   delta = D·Φ(d1) (call), −D·Φ(−d1) (put)      gamma = D·φ(d1) / (F·σ·√T)
 *   vega  = D·F·φ(d1)·√T                         theta = −D·F·φ(d1)·σ / (2√T) + r·price
 *   rho   = −T·price   (F held fixed: the rate only discounts)
 * </pre>
 *
 * (Hull, "Options, Futures, and Other Derivatives", ch. 18; Haug, "The Complete Guide to Option Pricing Formulas",
 * 2nd ed., 1.1.4.) One logarithm, one square root and two exponentials per call: Φ(d1), Φ(d2) and φ(d1) share
 * exp(−d1²/2), because exp(−d2²/2) = exp(−d1²/2)·F/K. At expiry (T = 0) or with zero volatility the option is worth
 * its discounted intrinsic value and its Greeks are those of the limit.
 */
public final class Black76 {

  public static final Black76 DEFAULT = new Black76();

  private Black76() {}

  /** Price only: cheaper than {@link #greeks} when scenario revaluation needs no sensitivity. */
  public double price(OptionType type, double forward, double strike, double years, double vol, double rate) {
    double discount = Math.exp(-rate * years);
    double stdDev = vol * Math.sqrt(years);
    if (!(stdDev > 0)) {
      return discount * Math.max(type.sign() * (forward - strike), 0);
    }
    double moneyness = forward / strike;
    double d1 = Math.log(moneyness) / stdDev + 0.5 * stdDev;
    double d2 = d1 - stdDev;
    double g1 = Math.exp(-0.5 * d1 * d1);
    int w = type.sign();
    return discount * w * (forward * NormalDistribution.cdf(w * d1, g1)
        - strike * NormalDistribution.cdf(w * d2, g1 * moneyness));
  }

  public OptionGreeks greeks(OptionType type, double forward, double strike, double years, double vol, double rate) {
    double discount = Math.exp(-rate * years);
    double sqrtT = Math.sqrt(years);
    double stdDev = vol * sqrtT;
    int w = type.sign();
    if (!(stdDev > 0)) {
      double intrinsic = Math.max(w * (forward - strike), 0);
      double delta = intrinsic > 0 ? w * discount : 0;
      return new OptionGreeks(discount * intrinsic, delta, 0, 0, rate * discount * intrinsic,
          -years * discount * intrinsic);
    }
    // One division, one log, one exp here; the CDFs add one division each.
    double moneyness = forward / strike;
    double invStdDev = 1 / stdDev;
    double d1 = Math.log(moneyness) * invStdDev + 0.5 * stdDev;
    double d2 = d1 - stdDev;
    double g1 = Math.exp(-0.5 * d1 * d1);
    double nd1 = NormalDistribution.cdf(w * d1, g1);
    double nd2 = NormalDistribution.cdf(w * d2, g1 * moneyness);
    double discountedDensity = discount * NormalDistribution.INV_SQRT_2PI * g1;
    double price = discount * w * (forward * nd1 - strike * nd2);
    double vega = discountedDensity * forward * sqrtT;
    double gamma = discountedDensity * invStdDev / forward;
    // σ/(2√T) = ½·σ²·(1/(σ√T)): theta without another division.
    double theta = -0.5 * discountedDensity * forward * vol * vol * invStdDev + rate * price;
    return new OptionGreeks(price, discount * w * nd1, gamma, vega, theta, -years * price);
  }
}
