package dev.solvent.job.model;

/**
 * An account's position in one instrument as of {@code time}, for the ADL ranking (quantity 0 removes it).
 *
 * @param bankruptcyPrice the position's bankruptcy price (NaN when none)
 */
public record AdlPosition(String instrumentId, String accountId, long time, double quantity, double entryPrice,
    double markPrice, double bankruptcyPrice) {}
