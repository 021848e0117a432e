package dev.solvent.job.account;

import dev.solvent.avro.instruments.Instrument;
import dev.solvent.job.model.RiskArraySet;
import dev.solvent.risk.book.Market;
import dev.solvent.risk.book.PricedInstrument;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;

/**
 * The market of one account-stage instant: each instrument's risk array from the latest version, at or before that
 * instant, of its underlying's broadcast set. Lookups are remembered for the instant.
 */
final class RiskArrayMarket implements Market {

  private final ReadOnlyBroadcastState<String, RiskArraySet[]> versions;
  private final long time;
  private final InstrumentCache cache;
  private final Map<String, PricedInstrument> found = new HashMap<>();

  RiskArrayMarket(ReadOnlyBroadcastState<String, RiskArraySet[]> versions, long time, InstrumentCache cache) {
    this.versions = versions;
    this.time = time;
    this.cache = cache;
  }

  @Override
  public PricedInstrument priced(String instrumentId) {
    if (found.containsKey(instrumentId)) {
      return found.get(instrumentId);
    }
    PricedInstrument priced = lookUp(instrumentId);
    found.put(instrumentId, priced);
    return priced;
  }

  private PricedInstrument lookUp(String instrumentId) {
    RiskArraySet best = null;
    try {
      for (var entry : versions.immutableEntries()) {
        RiskArraySet candidate = null;
        for (RiskArraySet version : entry.getValue()) {
          if (version.time() <= time) {
            candidate = version;
          }
        }
        if (candidate != null && indexOf(candidate, instrumentId) >= 0) {
          best = candidate;
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the broadcast risk arrays", e);
    }
    if (best == null) {
      return null;
    }
    int at = indexOf(best, instrumentId);
    Instrument spec = best.specs()[at];
    return new PricedInstrument(cache.core(spec), spec.getContractSize(), best.arrays()[at], best.conditions(),
        best.stale(), best.sourceTime());
  }

  private static int indexOf(RiskArraySet set, String instrumentId) {
    for (int i = 0; i < set.specs().length; i++) {
      if (set.specs()[i].getInstrumentId().equals(instrumentId)) {
        return i;
      }
    }
    return -1;
  }
}
