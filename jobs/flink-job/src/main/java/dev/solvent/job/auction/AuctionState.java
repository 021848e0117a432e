package dev.solvent.job.auction;

import dev.solvent.job.model.LendingStatus;
import dev.solvent.risk.auction.DutchAuction;

/**
 * A lending account's auction state: how many auctions so far, the running one (or null), its last step and when
 * the next is due, the last
 * lending status seen, and whether a settled auction still waits for its fill to reach the account log.
 */
public record AuctionState(long auctions, DutchAuction running, int step, long nextStep, LendingStatus lastStatus,
    boolean awaitingFill, long settledAt, double debtAtSettlement) {

  public static final AuctionState NONE = new AuctionState(0, null, 0, Long.MIN_VALUE, null, false, 0, 0);
}
