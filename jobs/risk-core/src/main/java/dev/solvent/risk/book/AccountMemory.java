package dev.solvent.risk.book;

import dev.solvent.risk.account.MarginStatus;

/**
 * What the account book remembers of its outputs between valuations: the last margin update (ratio, status, time,
 * sequence), the number of liquidations so far, and whether the auction stage was last told the account is
 * underwater.
 *
 * @param lastStatus null before the first margin update
 */
public record AccountMemory(double lastRatio, MarginStatus lastStatus, long lastUpdateTime, long updateSequence,
    long liquidations, boolean auctionNotified) {

  public static final AccountMemory NONE = new AccountMemory(Double.NaN, null, Long.MIN_VALUE, 0, 0, false);

  AccountMemory updated(double ratio, MarginStatus status, long time) {
    return new AccountMemory(ratio, status, time, updateSequence + 1, liquidations, auctionNotified);
  }

  AccountMemory liquidationStarted(long number) {
    return new AccountMemory(lastRatio, lastStatus, lastUpdateTime, updateSequence, number, auctionNotified);
  }

  AccountMemory notified(boolean underwater) {
    return new AccountMemory(lastRatio, lastStatus, lastUpdateTime, updateSequence, liquidations, underwater);
  }
}
