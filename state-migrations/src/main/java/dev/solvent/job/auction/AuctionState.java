package dev.solvent.job.auction;

import dev.solvent.job.model.LendingStatus;
import dev.solvent.risk.auction.DutchAuction;

/**
 * Frozen at v0.1: the shape AuctionState had in the state of Solvent v0.1, under its v0.1 name, so the State Processor API
 * can read v0.1 savepoints (Flink's POJO serializer finds state classes by name). Read only by
 * {@code dev.solvent.migrations.V01Migration}; never change it.
 */
public record AuctionState(long auctions, DutchAuction running, int step, long nextStep, LendingStatus lastStatus,
    boolean awaitingFill, long settledAt, double debtAtSettlement) {}
