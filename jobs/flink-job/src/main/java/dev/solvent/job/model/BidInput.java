package dev.solvent.job.model;

import dev.solvent.avro.bids.AuctionBid;
import dev.solvent.job.ingest.SourceRef;

/** A validated auction bid and where it came from. */
public record BidInput(AuctionBid bid, SourceRef source) {}
