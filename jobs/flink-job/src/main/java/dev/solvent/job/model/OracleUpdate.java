package dev.solvent.job.model;

import dev.solvent.avro.oracle.OraclePrice;

/**
 * A published oracle price with the order-book depth the oracle saw (median over the sources that report it; NaN
 * when none does), for the risk-array stage's liquidity add-on.
 */
public record OracleUpdate(OraclePrice price, double bidDepth2Pct, double askDepth2Pct) {

  public long publishTime() {
    return price.getPublishTime().toEpochMilli();
  }
}
