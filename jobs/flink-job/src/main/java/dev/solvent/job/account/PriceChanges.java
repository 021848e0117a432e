package dev.solvent.job.account;

import dev.solvent.avro.instruments.Instrument;
import dev.solvent.job.model.RiskArraySet;
import dev.solvent.risk.margin.DynamicMargin;
import dev.solvent.risk.trigger.ConditionBuckets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What, besides the price, a new publication of an underlying changed that safe bands assume fixed: the
 * realized-volatility multiplier's bucket, a side's depth bucket, a spec, or an option's implied volatility. Any of
 * them revalues every holder.
 */
final class PriceChanges {

  private final DynamicMargin dynamic;

  PriceChanges(DynamicMargin dynamic) {
    this.dynamic = dynamic;
  }

  /** Whether {@code now} changed a condition since {@code before} (the underlying's previous set, null if none). */
  boolean conditionsChanged(RiskArraySet before, RiskArraySet now) {
    if (before == null) {
      return true;
    }
    return ConditionBuckets.multiplierBucket(dynamic.volMultiplier(before.realizedVol()))
        != ConditionBuckets.multiplierBucket(dynamic.volMultiplier(now.realizedVol()))
        || ConditionBuckets.depthBucket(before.bidDepth2Pct()) != ConditionBuckets.depthBucket(now.bidDepth2Pct())
        || ConditionBuckets.depthBucket(before.askDepth2Pct()) != ConditionBuckets.depthBucket(now.askDepth2Pct())
        || specsChanged(before.specs(), now.specs()) || volsChanged(before, now);
  }

  /** An option's implied volatility changed (a market.vols quote applied at this publication). */
  private static boolean volsChanged(RiskArraySet before, RiskArraySet now) {
    for (int i = 0; i < now.arrays().length; i++) {
      if (Double.compare(before.arrays()[i].vol(), now.arrays()[i].vol()) != 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean specsChanged(Instrument[] before, Instrument[] now) {
    if (before.length != now.length) {
      return true;
    }
    for (int i = 0; i < now.length; i++) {
      if (before[i] != now[i] && !encoded(before[i]).equals(encoded(now[i]))) {
        return true;
      }
    }
    return false;
  }

  private static ByteBuffer encoded(Instrument spec) {
    try {
      return Instrument.getEncoder().encode(spec);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode instrument " + spec.getInstrumentId(), e);
    }
  }

  /** The instruments the set prices. */
  static List<String> ids(RiskArraySet set) {
    List<String> ids = new ArrayList<>(set.specs().length);
    for (Instrument spec : set.specs()) {
      ids.add(spec.getInstrumentId());
    }
    return ids;
  }
}
