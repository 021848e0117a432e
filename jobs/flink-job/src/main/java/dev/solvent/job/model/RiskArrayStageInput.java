package dev.solvent.job.model;

import dev.solvent.avro.instruments.Instrument;
import dev.solvent.avro.vols.VolQuote;
import java.util.Comparator;

/**
 * One keyed input of the risk-array stage (keyed by underlying): an instrument spec, an implied volatility or an
 * oracle price of the underlying. At one instant specs come first, then vols, then the price, so a price is always
 * valued with the specs and volatilities of its own instant.
 */
public sealed interface RiskArrayStageInput {

  /** Specs by instrument, vols by source and instrument, then the price. */
  Comparator<RiskArrayStageInput> ORDER = Comparator.comparingInt(RiskArrayStageInput::rank)
      .thenComparing(RiskArrayStageInput::tieKey);

  String underlying();

  long time();

  private static int rank(RiskArrayStageInput input) {
    return input instanceof Spec ? 0 : input instanceof Vol ? 1 : 2;
  }

  private static String tieKey(RiskArrayStageInput input) {
    if (input instanceof Spec s) {
      return s.spec().getInstrumentId();
    }
    if (input instanceof Vol v) {
      return v.vol().getSource() + "/" + v.vol().getInstrumentId();
    }
    return "";
  }

  record Spec(String underlying, long time, Instrument spec) implements RiskArrayStageInput {}

  record Vol(String underlying, long time, VolQuote vol) implements RiskArrayStageInput {}

  record Oracle(String underlying, long time, OracleUpdate update) implements RiskArrayStageInput {}
}
