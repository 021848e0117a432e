package dev.solvent.job.model;

/**
 * What the account stage remembers between valuations: the last emitted margin update (ratio, status, time,
 * sequence), the number of liquidations so far, and the last lending status sent to the auction stage.
 */
public record AccountMemory(double lastRatio, String lastStatus, long lastUpdateTime, long updateSequence,
    long liquidations, boolean auctionNotified) {

  public static final AccountMemory NONE = new AccountMemory(Double.NaN, "", Long.MIN_VALUE, 0, 0, false);
}
