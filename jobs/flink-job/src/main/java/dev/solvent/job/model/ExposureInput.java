package dev.solvent.job.model;

/** One input of the exposure stage: a holding change or an instrument tick (exactly one set). */
public record ExposureInput(HoldingChange change, InstrumentTick tick) {}
