package dev.solvent.job.account;

import dev.solvent.avro.instruments.Instrument;
import dev.solvent.job.model.RiskArraySet;
import dev.solvent.risk.margin.DynamicMargin;
import dev.solvent.risk.trigger.ConditionBuckets;
import dev.solvent.risk.trigger.TriggerIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What, besides the price, the realized-volatility multiplier and the options' implied volatilities (which each
 * account's bands name), a new publication of an underlying changed that safe bands assume fixed: a side's depth
 * bucket or a spec. Either revalues every holder.
 */
final class PriceChanges {

  private final DynamicMargin dynamic;

  PriceChanges(DynamicMargin dynamic) {
    this.dynamic = dynamic;
  }

  /** Whom {@code now} revalues besides the bands, given {@code before} (the underlying's previous set, or null). */
  TriggerIndex.Scope scope(RiskArraySet before, RiskArraySet now) {
    if (before == null
        || ConditionBuckets.depthBucket(before.bidDepth2Pct()) != ConditionBuckets.depthBucket(now.bidDepth2Pct())
        || ConditionBuckets.depthBucket(before.askDepth2Pct()) != ConditionBuckets.depthBucket(now.askDepth2Pct())
        || specsChanged(before.specs(), now.specs())) {
      return TriggerIndex.Scope.EVERY_HOLDER;
    }
    return TriggerIndex.Scope.BANDED;
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

  /** The realized-volatility multiplier the set's margin is computed at. */
  double multiplier(RiskArraySet set) {
    return dynamic.volMultiplier(set.realizedVol());
  }

  /** The instruments the set prices, in its order, with the implied volatility each is priced at. */
  static Map<String, Double> priced(RiskArraySet set) {
    Map<String, Double> priced = new LinkedHashMap<>();
    for (int i = 0; i < set.specs().length; i++) {
      priced.put(set.specs()[i].getInstrumentId(), set.arrays()[i].vol());
    }
    return priced;
  }
}
