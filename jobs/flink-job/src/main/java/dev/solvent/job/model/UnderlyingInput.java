package dev.solvent.job.model;

import dev.solvent.avro.instruments.Instrument;
import dev.solvent.avro.vols.VolQuote;

/**
 * One input of the risk-array stage (exactly one field set): an instrument spec, an implied volatility or an oracle
 * price of the underlying. {@code order} breaks ties at equal time: specs first, then vols, then the oracle price, so
 * a price is always valued with the specs and volatilities of its own instant.
 */
public record UnderlyingInput(String underlying, long time, int order, long sequence, Instrument spec, VolQuote vol,
    OracleUpdate oracle) {

  public static final int SPEC = 0;
  public static final int VOL = 1;
  public static final int ORACLE = 2;
}
