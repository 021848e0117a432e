package dev.solvent.risk.portfolio;

import java.util.Arrays;

/**
 * Everything the margin of any account needs to know about one instrument at one market state, per contract: its
 * mark value, Greeks, and P&L under each scenario of the grid (weighted). Computed once per instrument per oracle
 * update and shared by every account (CME SPAN's published risk arrays), so an account's portfolio margin is a
 * short dot product.
 *
 * @param markValue value of one contract in the currency it settles in: for linear contracts the notional (quote
 *     currency), for inverse contracts the notional in the coin (contract size / spot), for options the premium
 * @param delta sensitivity of the mark value to the spot, per contract: units of underlying for quote-settled
 *     instruments, coin per 1.00 of price for inverse contracts
 * @param gamma per unit of underlying price, per contract
 * @param vega quote currency per 1.00 of volatility, per contract
 * @param scenarioPnl P&L of one long contract in each scenario of the grid, weighted
 * @param vol the implied volatility an option was priced at (NaN for anything else, or where unknown)
 */
public record RiskArray(String instrumentId, String underlying, double spot, double markValue, double delta,
    double gamma, double vega, double theta, double[] scenarioPnl, double vol) {

  public RiskArray {
    scenarioPnl = scenarioPnl.clone();
  }

  /** An array of something that is not an option, or of an option priced at an unknown volatility. */
  public RiskArray(String instrumentId, String underlying, double spot, double markValue, double delta, double gamma,
      double vega, double theta, double[] scenarioPnl) {
    this(instrumentId, underlying, spot, markValue, delta, gamma, vega, theta, scenarioPnl, Double.NaN);
  }

  public int scenarios() {
    return scenarioPnl.length;
  }

  /** Scenario P&L without copying, for the hot path. */
  public double pnl(int scenario) {
    return scenarioPnl[scenario];
  }

  @Override
  public double[] scenarioPnl() {
    return scenarioPnl.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RiskArray r && instrumentId.equals(r.instrumentId) && underlying.equals(r.underlying)
        && spot == r.spot && markValue == r.markValue && delta == r.delta && gamma == r.gamma && vega == r.vega
        && theta == r.theta && Arrays.equals(scenarioPnl, r.scenarioPnl) && Double.compare(vol, r.vol) == 0;
  }

  @Override
  public int hashCode() {
    return instrumentId.hashCode() * 31 + Arrays.hashCode(scenarioPnl);
  }

  @Override
  public String toString() {
    return "RiskArray[" + instrumentId + " mark=" + markValue + " delta=" + delta + " pnl="
        + Arrays.toString(scenarioPnl) + "]";
  }
}
