package dev.solvent.risk.settlement;

import java.math.BigDecimal;

/**
 * What one liquidation fill moves, exactly.
 *
 * @param realizedPnl P&L of the closed quantity against its entry price (exact, unrounded: the ledger keeps it whole)
 * @param penalty paid by the account into the insurance fund (scale 8, never more than the fill beat bankruptcy by)
 * @param deficit paid by the insurance fund for the loss beyond bankruptcy (scale 8, rounded up so no debt remains)
 */
public record FillSettlement(BigDecimal realizedPnl, BigDecimal penalty, BigDecimal deficit) {

  public FillSettlement {
    if (penalty.signum() < 0 || deficit.signum() < 0) {
      throw new IllegalArgumentException("penalty and deficit are never negative");
    }
    if (penalty.signum() > 0 && deficit.signum() > 0) {
      throw new IllegalArgumentException("a fill either beats bankruptcy (penalty) or misses it (deficit), not both");
    }
  }
}
