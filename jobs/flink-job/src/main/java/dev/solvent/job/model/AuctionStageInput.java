package dev.solvent.job.model;

import dev.solvent.risk.lending.LendingStatus;

/** One keyed input of the auction stage: a lending account's health from the account stage, or a bid. */
public sealed interface AuctionStageInput permits AuctionStageInput.Health, BidInput {

  /** The account it is for: the stage's key. */
  String accountId();

  /** Its event time. */
  long time();

  record Health(LendingStatus status) implements AuctionStageInput {

    @Override
    public String accountId() {
      return status.accountId();
    }

    @Override
    public long time() {
      return status.time();
    }
  }
}
