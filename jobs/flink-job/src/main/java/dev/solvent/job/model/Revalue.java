package dev.solvent.job.model;

/** Revalue {@code accountId} at {@code time}: a price it depends on moved. */
public record Revalue(String accountId, long time) implements AccountStageInput {}
