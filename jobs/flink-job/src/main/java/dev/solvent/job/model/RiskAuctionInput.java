package dev.solvent.job.model;

import dev.solvent.avro.offers.PortfolioOffer;

/** What the risk-auction stage hears of one offer: the offer itself, and each provider's bid as its account judged it. */
public sealed interface RiskAuctionInput {

  String offerId();

  long time();

  record Offer(PortfolioOffer offer) implements RiskAuctionInput {
    @Override
    public String offerId() {
      return offer.getOfferId();
    }

    @Override
    public long time() {
      return offer.getEventTime().toEpochMilli();
    }
  }

  /**
   * A bid and its provider's verdict.
   *
   * @param input the bid as read from risk.bids (for its dead letter, should it come to nothing)
   * @param reason why it is not acceptable, or null
   */
  record Assessed(long time, AccountInput input, boolean acceptable, String reason) implements RiskAuctionInput {
    @Override
    public String offerId() {
      return input.portfolioBid().getOfferId();
    }
  }
}
