package dev.solvent.job.model;

import dev.solvent.risk.adl.AdlPosition;

/** One keyed input of the ADL stage (keyed by instrument): a position's latest report, or a shortfall to cover. */
public sealed interface AdlStageInput permits AdlStageInput.Position, AdlRequest {

  String instrumentId();

  long time();

  record Position(AdlPosition position) implements AdlStageInput {

    @Override
    public String instrumentId() {
      return position.instrumentId();
    }

    @Override
    public long time() {
      return position.time();
    }
  }
}
