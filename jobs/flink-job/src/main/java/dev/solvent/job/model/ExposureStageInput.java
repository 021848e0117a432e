package dev.solvent.job.model;

/** One keyed input of the exposure stage (keyed by instrument): a holding changed, or the instrument was revalued. */
public sealed interface ExposureStageInput permits HoldingChange, InstrumentTick {

  String instrumentId();

  long time();
}
