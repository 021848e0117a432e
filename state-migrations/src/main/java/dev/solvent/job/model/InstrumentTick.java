package dev.solvent.job.model;

/**
 * Frozen at v0.1: a price tick buffered in the exposure stage (removed with the trigger index); the migration turns
 * the pending ones into price checks of the account stage. Never change it.
 */
public record InstrumentTick(String instrumentId, long time) {}
