package dev.solvent.risk.account;

/**
 * Market conditions of an underlying that dynamic margin uses; NaN where unknown.
 *
 * @param realizedVol annualized realized volatility of the oracle price (EWMA of returns)
 * @param bidDepth2Pct bid notional within 2% of mid (what a long's liquidation sells into)
 * @param askDepth2Pct ask notional within 2% of mid (what a short's liquidation buys from)
 */
public record UnderlyingConditions(double realizedVol, double bidDepth2Pct, double askDepth2Pct) {

  public static final UnderlyingConditions UNKNOWN = new UnderlyingConditions(Double.NaN, Double.NaN, Double.NaN);
}
