package dev.solvent.risk.margin;

import java.util.OptionalDouble;

/**
 * Liquidation and bankruptcy prices of a linear position in closed form, isolated or cross, as Binance publishes
 * them ("How to Calculate Liquidation Price of USDⓈ-M Futures Contracts", one-way mode):
 *
 * <pre>
 *   LP = (WB − TMM1 + UPNL1 + cum − side·Q·EP) / (Q·MMR − side·Q)
 * </pre>
 *
 * WB is the wallet balance (the isolated margin for an isolated position), TMM1 and UPNL1 the maintenance margin and
 * unrealized P&L of the account's other positions (0 when isolated), Q the absolute size in units of underlying, EP
 * the entry price, side +1 long / −1 short, and MMR, cum the bracket's rate and amount. The bracket is the one the
 * position's notional falls in <em>at the liquidation price</em> (Binance's note), so each bracket is tried and the
 * self-consistent one kept. Under {@link MaintenanceBasis#ENTRY} (Bybit, "Liquidation Price (USDT Contract)") the
 * margin is the bracket's at the entry notional Q·EP, a constant, and the same balance gives
 *
 * <pre>
 *   LP = EP + (TMM1 + MM(Q·EP) − WB − UPNL1) / (side·Q)
 * </pre>
 *
 * which for an isolated position whose margin is its initial margin is Bybit's LP = EP ∓ (IM − MM)/Q. The bankruptcy
 * price is the same balance with no maintenance margin: equity is zero there, BP = EP − (WB + UPNL1)/(side·Q).
 */
public final class LinearMargin {

  public static final LinearMargin DEFAULT = new LinearMargin();

  private LinearMargin() {}

  /**
   * @param side +1 long, −1 short
   * @param size absolute position size in units of underlying (contracts × contract size)
   * @return the price at which the margin ratio is 1, or empty when no positive price is (a long backed by more
   *     than its notional, for instance)
   */
  public OptionalDouble liquidationPrice(int side, double size, double entryPrice, double walletBalance,
      double otherMaintenance, double otherUnrealizedPnl, MarginSchedule schedule, MaintenanceBasis basis) {
    requireSide(side);
    if (basis == MaintenanceBasis.ENTRY) {
      double price = entryPrice + (otherMaintenance + schedule.maintenanceMargin(size * entryPrice) - walletBalance
          - otherUnrealizedPnl) / (side * size);
      return price > 0 ? OptionalDouble.of(price) : OptionalDouble.empty();
    }
    for (MarginTier tier : schedule.tiers()) {
      double price = (walletBalance - otherMaintenance + otherUnrealizedPnl + tier.maintenanceAmount()
          - side * size * entryPrice) / (size * tier.maintenanceRate() - side * size);
      if (price > 0 && tier.contains(size * price)) {
        return OptionalDouble.of(price);
      }
    }
    return OptionalDouble.empty();
  }

  /** The price at which the account's equity is zero, or empty when none is positive. */
  public OptionalDouble bankruptcyPrice(int side, double size, double entryPrice, double walletBalance,
      double otherUnrealizedPnl) {
    requireSide(side);
    double price = entryPrice - (walletBalance + otherUnrealizedPnl) / (side * size);
    return price > 0 ? OptionalDouble.of(price) : OptionalDouble.empty();
  }

  private static void requireSide(int side) {
    if (side != 1 && side != -1) {
      throw new IllegalArgumentException("side must be +1 (long) or -1 (short): " + side);
    }
  }
}
