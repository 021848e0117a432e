package dev.solvent.job.model;

import dev.solvent.avro.bids.AuctionBid;
import dev.solvent.avro.bids.Bid;
import dev.solvent.job.ingest.SourceRef;

/** A validated auction bid and where it came from. */
public record BidInput(AuctionBid bid, SourceRef source) implements AuctionStageInput {

  public Bid payload() {
    return (Bid) bid.getPayload();
  }

  @Override
  public String accountId() {
    return payload().getAccountId();
  }

  @Override
  public long time() {
    return bid.getEventTime().toEpochMilli();
  }
}
