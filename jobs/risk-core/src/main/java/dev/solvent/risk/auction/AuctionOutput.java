package dev.solvent.risk.auction;

import java.math.BigDecimal;

/** What one step of an account's auctions tells the world. Money is final: rounded at the wire's scale. */
public sealed interface AuctionOutput {

  /**
   * What an auction offers at {@code time}: its price against the oracle's, the debt it may repay and the collateral
   * it sells.
   *
   * @param step 0 at the start, +1 with every later event of the auction
   * @param auctionPrice debt asset per unit of collateral
   * @param oraclePrice the collateral's oracle price in the debt asset
   */
  record Offer(String auctionId, String accountId, long time, int step, String collateralAsset, String debtAsset,
      BigDecimal auctionPrice, BigDecimal oraclePrice, BigDecimal debtToCover, BigDecimal collateralOffered,
      double healthFactor) {}

  /** An event of the auction's life, each with the offer at its time. */
  sealed interface Event extends AuctionOutput {
    Offer offer();
  }

  /** The account fell under a health factor of 1: its largest collateral is auctioned. */
  record Started(Offer offer) implements Event {}

  /** The price decays one step. */
  record Stepped(Offer offer) implements Event {}

  /** Too old, or priced too far under the oracle: restarted at a fresh top price. */
  record Reset(Offer offer) implements Event {}

  /** The account is healthy again before anyone bought. */
  record Cancelled(Offer offer) implements Event {}

  /** The first acceptable bid bought: what it repays and seizes, and the protocol's share of the bonus. */
  record Settled(Offer offer, String liquidator, BigDecimal debtRepaid, BigDecimal collateralSeized,
      BigDecimal protocolFee) implements Event {}

  /**
   * A bid for an account that never had an auction (bids that lose the race or come late are not errors).
   *
   * @param input the bid's index in the step's list
   */
  record BidRejected(int input, String detail) implements AuctionOutput {}
}
