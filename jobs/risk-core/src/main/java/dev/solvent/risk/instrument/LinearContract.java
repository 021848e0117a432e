package dev.solvent.risk.instrument;

import dev.solvent.risk.margin.MaintenanceBasis;
import dev.solvent.risk.margin.MarginSchedule;

/**
 * A linear (USD-margined) perpetual or dated future: P&L per contract = contractSize × (price − entry).
 *
 * @param expiryMillis expiry in epoch milliseconds, or 0 for a perpetual
 * @param contractSize units of underlying per contract
 * @param lotSize smallest quantity step, in contracts
 * @param penaltyRate liquidation penalty as a fraction of liquidated notional
 * @param maintenanceBasis the notional its margin bracket and margin are taken at (the venue's convention)
 */
public record LinearContract(String id, String underlying, long expiryMillis, double contractSize, double lotSize,
    MarginSchedule schedule, double penaltyRate, String fundId, MaintenanceBasis maintenanceBasis)
    implements Contract {

  public LinearContract {
    Checks.futureTerms(id, underlying, expiryMillis, contractSize, lotSize, schedule, penaltyRate, fundId,
        maintenanceBasis);
  }

  /** A contract margined at the mark (Binance's convention, and every contract's before conventions were named). */
  public LinearContract(String id, String underlying, long expiryMillis, double contractSize, double lotSize,
      MarginSchedule schedule, double penaltyRate, String fundId) {
    this(id, underlying, expiryMillis, contractSize, lotSize, schedule, penaltyRate, fundId, MaintenanceBasis.MARK);
  }

  /**
   * The notional a position's bracket and margin are taken at: |quantity| × the contract's mark value, or at entry
   * |quantity| × contract size × entry price.
   */
  public double marginNotional(double quantity, double entryPrice, double markValue) {
    return maintenanceBasis == MaintenanceBasis.MARK
        ? Math.abs(quantity) * markValue : Math.abs(quantity) * contractSize * entryPrice;
  }

  public boolean perpetual() {
    return expiryMillis == 0;
  }
}
