package dev.solvent.risk.portfolio;

import dev.solvent.risk.instrument.Checks;
import dev.solvent.risk.instrument.CollateralAsset;
import dev.solvent.risk.instrument.Instrument;
import dev.solvent.risk.instrument.InverseContract;
import dev.solvent.risk.instrument.LinearContract;
import dev.solvent.risk.instrument.LoanAsset;
import dev.solvent.risk.instrument.OptionContract;
import dev.solvent.risk.pricing.Black76;
import dev.solvent.risk.pricing.OptionGreeks;

/**
 * Builds {@link RiskArray}s: linear contracts move one-for-one with spot; inverse contracts are valued in their coin
 * (mark value CS/S per contract, delta CS/S², gamma −2·CS/S³, scenario P&L CS·(1/S − 1/S')); options are revalued
 * with Black-76 at each shocked spot and volatility (coin-settled ones in their coin) (the oracle index is used as the forward: crypto options settle on the index and
 * the carry over an option's life is inside the model's tolerance); spot collateral moves with spot, loans are
 * valued at spot.
 */
public final class RiskArrayCalculator {

  /** Volatility never shocked below this floor (annualized). */
  public static final double MIN_VOL = 0.01;

  private final ScenarioGrid grid;

  public RiskArrayCalculator(ScenarioGrid grid) {
    this.grid = grid;
  }

  public ScenarioGrid grid() {
    return grid;
  }

  /**
   * @param spot oracle mark price of the underlying
   * @param vol implied volatility for options (ignored otherwise)
   * @param rate continuously compounded rate for discounting option payoffs
   */
  public RiskArray compute(Instrument instrument, double spot, double vol, double rate, long nowMillis) {
    Checks.positive("spot", spot);
    double[] pnl = new double[grid.size()];
    if (instrument instanceof OptionContract option) {
      Checks.positive("vol", vol);
      double years = option.yearsToExpiry(nowMillis);
      double size = option.contractSize();
      OptionGreeks base = Black76.DEFAULT.greeks(option.type(), spot, option.strike(), years, vol, rate);
      if (option.coinSettled()) {
        return coinOption(option, spot, vol, rate, years, base, pnl);
      }
      for (int s = 0; s < pnl.length; s++) {
        double shockedVol = Math.max(MIN_VOL, vol * (1 + grid.volShock(s)));
        double shocked = Black76.DEFAULT.price(option.type(), spot * (1 + grid.spotShock(s)), option.strike(), years,
            shockedVol, rate);
        pnl[s] = grid.weight(s) * size * (shocked - base.price());
      }
      return new RiskArray(option.id(), option.underlying(), spot, size * base.price(), size * base.delta(),
          size * base.gamma(), size * base.vega(), size * base.theta(), pnl, vol);
    }
    if (instrument instanceof InverseContract inverse) {
      // In the coin: a contract's notional is CS/S; its P&L from S to S(1+x) is CS·(1/S − 1/(S(1+x))).
      double cs = inverse.contractSize();
      for (int s = 0; s < pnl.length; s++) {
        pnl[s] = grid.weight(s) * cs * (1 / spot - 1 / (spot * (1 + grid.spotShock(s))));
      }
      return new RiskArray(inverse.id(), inverse.underlying(), spot, cs / spot, cs / (spot * spot),
          -2 * cs / (spot * spot * spot), 0, 0, pnl);
    }
    double size = instrument instanceof LinearContract linear ? linear.contractSize() : 1;
    for (int s = 0; s < pnl.length; s++) {
      pnl[s] = grid.weight(s) * size * spot * grid.spotShock(s);
    }
    if (!(instrument instanceof LinearContract || instrument instanceof CollateralAsset
        || instrument instanceof LoanAsset)) {
      throw new IllegalArgumentException("no risk array for " + instrument);
    }
    return new RiskArray(instrument.id(), instrument.underlying(), spot, size * spot, size, 0, 0, 0, pnl);
  }

  /**
   * A coin-settled option's array in its coin: the premium f(S) = V(S)/S, and its sensitivities to the index,
   * f' = (Δ·S − V)/S², f'' = Γ/S − 2Δ/S² + 2V/S³, vega and theta over S; each scenario's P&L V(S')/S' − V(S)/S.
   */
  private RiskArray coinOption(OptionContract option, double spot, double vol, double rate, double years,
      OptionGreeks base, double[] pnl) {
    double size = option.contractSize();
    double premium = base.price() / spot;
    for (int s = 0; s < pnl.length; s++) {
      double shockedSpot = spot * (1 + grid.spotShock(s));
      double shockedVol = Math.max(MIN_VOL, vol * (1 + grid.volShock(s)));
      double shocked = Black76.DEFAULT.price(option.type(), shockedSpot, option.strike(), years, shockedVol, rate);
      pnl[s] = grid.weight(s) * size * (shocked / shockedSpot - premium);
    }
    double delta = (base.delta() * spot - base.price()) / (spot * spot);
    double gamma = base.gamma() / spot - 2 * base.delta() / (spot * spot) + 2 * base.price() / (spot * spot * spot);
    return new RiskArray(option.id(), option.underlying(), spot, size * premium, size * delta, size * gamma,
        size * base.vega() / spot, size * base.theta() / spot, pnl, vol);
  }
}
