package dev.solvent.risk.margin;

import java.util.OptionalDouble;

/**
 * Liquidation and bankruptcy prices of an inverse position in closed form, isolated or cross, every amount in the
 * coin. With B the size in contracts, CM the contract size in the quote currency, X = WB − TMM1 + UPNL1 the
 * balance the position leaves for itself (the other positions' maintenance margin and unrealized P&L, 0 when
 * isolated) and side ±1, equity and margin are linear in 1/P:
 *
 * <pre>
 *   E(P)  = WB + UPNL1 + side·B·CM·(1/EP − 1/P)
 *   MM(P) = TMM1 + MMR·B·CM/P − cum               (MARK: Binance COIN-M; bracket at the notional B·CM/LP)
 *   MM    = TMM1 + MM(B·CM/EP)                    (ENTRY: Bybit inverse, isolated: LP = B·CM / (PV ± (IM − MM)))
 *
 *   LP = B·CM·(MMR + side) / (X + cum + side·B·CM/EP)            at the mark
 *   LP = side·B·CM / (X − MM(B·CM/EP) + side·B·CM/EP)           at entry
 *   BP = side·B·CM / (WB + UPNL1 + side·B·CM/EP)                 equity 0
 * </pre>
 *
 * An inverse short loses at most B·CM/EP however high the price goes, so a short backed by that much has no
 * liquidation price (a denominator of the wrong sign).
 */
public final class InverseMargin {

  public static final InverseMargin DEFAULT = new InverseMargin();

  private InverseMargin() {}

  /**
   * @param side +1 long, −1 short
   * @param contracts absolute size in contracts
   * @param contractSize quote currency per contract
   * @param walletBalance coin balance backing the position (its isolated margin when isolated)
   * @param otherMaintenance coin maintenance margin of the account's other positions (0 when isolated)
   * @param otherUnrealizedPnl coin unrealized P&L of the account's other positions (0 when isolated)
   * @return the price at which the margin ratio is 1, or empty when no positive price is
   */
  public OptionalDouble liquidationPrice(int side, double contracts, double contractSize, double entryPrice,
      double walletBalance, double otherMaintenance, double otherUnrealizedPnl, MarginSchedule schedule,
      MaintenanceBasis basis) {
    requireSide(side);
    double quote = contracts * contractSize;
    double balance = walletBalance - otherMaintenance + otherUnrealizedPnl;
    if (basis == MaintenanceBasis.ENTRY) {
      return positive(side * quote
          / (balance - schedule.maintenanceMargin(quote / entryPrice) + side * quote / entryPrice));
    }
    for (MarginTier tier : schedule.tiers()) {
      double price = quote * (tier.maintenanceRate() + side)
          / (balance + tier.maintenanceAmount() + side * quote / entryPrice);
      if (price > 0 && tier.contains(quote / price)) {
        return OptionalDouble.of(price);
      }
    }
    return OptionalDouble.empty();
  }

  /** The price at which the account's coin equity is zero, or empty when none is positive. */
  public OptionalDouble bankruptcyPrice(int side, double contracts, double contractSize, double entryPrice,
      double walletBalance, double otherUnrealizedPnl) {
    requireSide(side);
    double quote = contracts * contractSize;
    return positive(side * quote / (walletBalance + otherUnrealizedPnl + side * quote / entryPrice));
  }

  private static OptionalDouble positive(double price) {
    return price > 0 && Double.isFinite(price) ? OptionalDouble.of(price) : OptionalDouble.empty();
  }

  private static void requireSide(int side) {
    if (side != 1 && side != -1) {
      throw new IllegalArgumentException("side must be +1 (long) or -1 (short): " + side);
    }
  }
}
