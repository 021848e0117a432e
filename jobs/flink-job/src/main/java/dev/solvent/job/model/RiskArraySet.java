package dev.solvent.job.model;

import dev.solvent.avro.instruments.Instrument;
import dev.solvent.risk.account.UnderlyingConditions;
import dev.solvent.risk.portfolio.RiskArray;

/**
 * Everything an account needs about one underlying at one oracle publication: the specs of its instruments and
 * their risk arrays (computed once for all accounts), the spot, whether the oracle was stale, and the dynamic-margin
 * conditions. Broadcast to the account stage.
 */
public record RiskArraySet(String underlying, long time, long sourceTime, boolean stale, double spot,
    double realizedVol, double bidDepth2Pct, double askDepth2Pct, Instrument[] specs, RiskArray[] arrays) {

  public UnderlyingConditions conditions() {
    return new UnderlyingConditions(realizedVol, bidDepth2Pct, askDepth2Pct);
  }
}
