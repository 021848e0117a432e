package dev.solvent.job.model;

/**
 * Frozen at v0.1: the shape AdlPosition had in the state of Solvent v0.1, under its v0.1 name, so the State Processor API
 * can read v0.1 savepoints (Flink's POJO serializer finds state classes by name). Read only by
 * {@code dev.solvent.migrations.V01Migration}; never change it.
 */
public record AdlPosition(String instrumentId, String accountId, long time, double quantity, double entryPrice,
    double markPrice, double bankruptcyPrice) {}
