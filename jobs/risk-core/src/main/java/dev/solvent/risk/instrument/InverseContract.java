package dev.solvent.risk.instrument;

import dev.solvent.risk.margin.MaintenanceBasis;
import dev.solvent.risk.margin.MarginSchedule;

/**
 * An inverse (coin-margined) perpetual or dated future, as BitMEX XBTUSD and Binance COIN-M list them: a contract is
 * worth a fixed amount of the quote currency, and margin and P&L are in the underlying coin.
 *
 * <pre>
 *   notional (coin) = |Q| × contractSize / price        P&L (coin) = Q × contractSize × (1/entry − 1/exit)
 * </pre>
 *
 * @param expiryMillis expiry in epoch milliseconds, or 0 for a perpetual
 * @param contractSize quote currency per contract (BTCUSD: 100 USD on Binance COIN-M, 1 USD on BitMEX)
 * @param lotSize smallest quantity step, in contracts
 * @param schedule margin brackets by notional <em>in the coin</em>
 * @param penaltyRate liquidation penalty as a fraction of the liquidated notional, in the coin
 * @param maintenanceBasis the price the notional for bracket and margin is taken at: the mark or the entry
 */
public record InverseContract(String id, String underlying, long expiryMillis, double contractSize, double lotSize,
    MarginSchedule schedule, double penaltyRate, String fundId, MaintenanceBasis maintenanceBasis)
    implements Contract {

  public InverseContract {
    Checks.futureTerms(id, underlying, expiryMillis, contractSize, lotSize, schedule, penaltyRate, fundId,
        maintenanceBasis);
  }

  /** The coin every amount of this contract is in: its underlying. */
  public String settlementCurrency() {
    return underlying;
  }

  /** Coin value of the notional of {@code quantity} contracts at a price. */
  public double coinNotional(double quantity, double price) {
    return Math.abs(quantity) * contractSize / price;
  }

  /** Coin P&L of {@code quantity} contracts from entry to a price. */
  public double pnl(double quantity, double entryPrice, double price) {
    return quantity * contractSize * (1 / entryPrice - 1 / price);
  }

  /** The coin notional the bracket and margin are taken at, at the mark or at entry. */
  public double marginNotional(double quantity, double entryPrice, double markPrice) {
    return coinNotional(quantity, maintenanceBasis == MaintenanceBasis.MARK ? markPrice : entryPrice);
  }
}
