package dev.solvent.job.model;

/** An instrument was revalued at {@code time}: its holders must be revalued too. */
public record InstrumentTick(String instrumentId, long time) implements ExposureStageInput {}
