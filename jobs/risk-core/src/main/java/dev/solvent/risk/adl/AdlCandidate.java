package dev.solvent.risk.adl;

import java.util.Objects;

/**
 * An open position that may be deleveraged.
 *
 * @param quantity signed contracts
 * @param bankruptcyPrice the position's own bankruptcy price (its account's equity at zero)
 */
public record AdlCandidate(String accountId, String instrumentId, double quantity, double entryPrice, double markPrice,
    double bankruptcyPrice) {

  public AdlCandidate {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(instrumentId, "instrumentId");
  }

  public int side() {
    return quantity >= 0 ? 1 : -1;
  }

  /** PnL% = (mark value − entry value) / |entry value|, signed by side. */
  public double pnlFraction() {
    return side() * (markPrice - entryPrice) / entryPrice;
  }

  /** Effective leverage = |mark value| / (mark value − bankrupt value), signed by side; ∞ when bankrupt at mark. */
  public double effectiveLeverage() {
    double cushion = side() * (markPrice - bankruptcyPrice);
    return cushion > 0 ? markPrice / cushion : Double.POSITIVE_INFINITY;
  }

  /**
   * Binance's ADL ranking ("Auto-Deleveraging (ADL)" FAQ): PnL% × effective leverage when in profit,
   * PnL% / effective leverage otherwise. Higher ranks are deleveraged first.
   */
  public double rankingScore() {
    double pnl = pnlFraction();
    double leverage = effectiveLeverage();
    return pnl > 0 ? pnl * leverage : pnl / leverage;
  }
}
