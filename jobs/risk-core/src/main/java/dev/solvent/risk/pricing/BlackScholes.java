package dev.solvent.risk.pricing;

/**
 * Black-Scholes-Merton for European options on a spot price S with continuous yield q, as Black-76 on the forward
 * F = S·e^((r−q)T) (Haug 1.1.6, "generalized" formula with cost of carry b = r − q). Greeks are with respect to spot:
 * delta_S = delta_F·e^((r−q)T), gamma_S = gamma_F·e^(2(r−q)T); theta adds the forward's own time decay,
 * theta_S = theta_F − (r−q)·F·delta_F; rho with spot fixed adds the forward's dependence on the rate,
 * rho_S = rho_F + T·F·delta_F (= K·T·e^(−rT)·Φ(d2) for a call, as Hull gives it).
 */
public final class BlackScholes {

  public static final BlackScholes DEFAULT = new BlackScholes();

  private BlackScholes() {}

  public OptionGreeks greeks(OptionType type, double spot, double strike, double years, double vol, double rate,
      double yield) {
    double carry = Math.exp((rate - yield) * years);
    double forward = spot * carry;
    OptionGreeks onForward = Black76.DEFAULT.greeks(type, forward, strike, years, vol, rate);
    return new OptionGreeks(onForward.price(), onForward.delta() * carry, onForward.gamma() * carry * carry,
        onForward.vega(), onForward.theta() - (rate - yield) * forward * onForward.delta(),
        onForward.rho() + years * forward * onForward.delta());
  }
}
