package dev.solvent.job.model;

/**
 * Frozen at v0.1: the shape AccountMemory had in the state of Solvent v0.1, under its v0.1 name, so the State Processor API
 * can read v0.1 savepoints (Flink's POJO serializer finds state classes by name). Read only by
 * {@code dev.solvent.migrations.V01Migration}; never change it.
 */
public record AccountMemory(double lastRatio, String lastStatus, long lastUpdateTime, long updateSequence,
    long liquidations, boolean auctionNotified) {}
