package dev.solvent.job.model;

/** One input of the auction stage (exactly one set): the account's lending status, or a liquidator's bid. */
public record AuctionInput(LendingStatus status, BidInput bid) {}
