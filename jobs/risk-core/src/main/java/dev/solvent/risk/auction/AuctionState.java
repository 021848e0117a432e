package dev.solvent.risk.auction;

import dev.solvent.risk.lending.LendingStatus;

/**
 * A lending account's auctions: how many so far (auction ids are numbered per account), the running one (or null)
 * with its last step, when the next is due ({@link #PAUSED} while no fresh valuation arrives) and the last health
 * seen, and whether a settled auction still waits for its fill to reach the account log (and since when, with the
 * debt it had then).
 */
public record AuctionState(long auctions, DutchAuction running, int step, long nextStep, LendingStatus lastStatus,
    boolean awaitingFill, long settledAt, double debtAtSettlement) {

  /** The next step of a running auction is not scheduled: it resumes with the account's next valuation. */
  public static final long PAUSED = Long.MIN_VALUE;

  static final AuctionState NONE = new AuctionState(0, null, 0, PAUSED, null, false, 0, 0);

  /** No auction running and none awaiting its fill: only the count is worth keeping. */
  public boolean idle() {
    return running == null && !awaitingFill;
  }

  /** Whether a step timer is due at {@code nextStep}. */
  public boolean stepScheduled() {
    return running != null && nextStep != PAUSED;
  }

  static AuctionState idle(long auctions) {
    return new AuctionState(auctions, null, 0, 0, null, false, 0, 0);
  }
}
