package dev.solvent.risk.auction;

import dev.solvent.risk.lending.LendingStatus;
import java.util.Comparator;

/** What reaches a lending account's auctions: its health from the account book, or a liquidator's bid. */
public sealed interface AuctionInput {

  /**
   * The order inputs of one instant are taken in: health first (a bid is judged on the account as valued then), then
   * bids by their sequence and liquidator.
   */
  Comparator<AuctionInput> ORDER = Comparator.comparingInt((AuctionInput in) -> in instanceof Health ? 0 : 1)
      .thenComparingLong(in -> in instanceof Bid b ? b.sequence() : 0)
      .thenComparing(in -> in instanceof Bid b ? b.liquidator() : "");

  record Health(LendingStatus status) implements AuctionInput {}

  /**
   * A liquidator offers to repay {@code debtToRepay} units of the debt asset at {@code price} (debt per collateral).
   */
  record Bid(String auctionId, String accountId, String liquidator, long sequence, double price, double debtToRepay)
      implements AuctionInput {}
}
