package dev.solvent.risk.auction;

import java.util.Objects;

/**
 * A running Dutch auction of one lending account's collateral: its start, its curve and what it offers. The price is
 * in units of the debt asset per unit of collateral; a bid is acceptable at or above the current price.
 *
 * @param top start price: oracle × (1 + start premium)
 * @param debtToCover debt the auction may repay (close factor applied), units of the debt asset
 * @param collateralOffered collateral the account holds, units
 */
public record DutchAuction(String auctionId, String accountId, long startMillis, double top, String collateralAsset,
    String debtAsset, double debtToCover, double collateralOffered, int resets) {

  public DutchAuction {
    Objects.requireNonNull(auctionId, "auctionId");
    if (!(top > 0)) {
      throw new IllegalArgumentException("auction start price must be positive: " + top);
    }
  }

  public double price(DutchAuctionCurve curve, long nowMillis) {
    return curve.price(top, nowMillis - startMillis);
  }

  public boolean acceptable(DutchAuctionCurve curve, long nowMillis, double bidPrice) {
    return bidPrice >= price(curve, nowMillis);
  }

  /** The same auction restarted at {@code nowMillis} from a fresh oracle price. */
  public DutchAuction reset(long nowMillis, double newTop, double newDebtToCover, double newCollateral) {
    return new DutchAuction(auctionId, accountId, nowMillis, newTop, collateralAsset, debtAsset, newDebtToCover,
        newCollateral, resets + 1);
  }
}
