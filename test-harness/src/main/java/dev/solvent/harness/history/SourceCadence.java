package dev.solvent.harness.history;

import dev.solvent.avro.ticks.MarketTick;
import dev.solvent.avro.ticks.Quote;
import dev.solvent.harness.loop.LoopRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How often one price file's source quotes inside a replay's window: the median gap between its consecutive quotes.
 * A 1-minute kline quotes every 15 s (four quotes per bar), a 5-minute one every 75 s; trades as often as they print.
 *
 * @param medianGapMillis the lower middle of the gaps between consecutive quotes; 0 with fewer than two quotes
 */
public record SourceCadence(PriceFile file, long quotes, long medianGapMillis) {

  /** The cadence of {@code file}'s source in {@code records} (the quotes of its underlying from its source). */
  public static SourceCadence of(PriceFile file, List<LoopRecord> records) {
    List<Long> times = new ArrayList<>();
    for (LoopRecord r : records) {
      if (r.record() instanceof MarketTick tick && tick.getPayload() instanceof Quote quote
          && quote.getUnderlying().equals(file.underlying()) && quote.getSource().equals(file.source())) {
        times.add(r.time());
      }
    }
    times.sort(null);
    long[] gaps = new long[Math.max(times.size() - 1, 0)];
    for (int i = 1; i < times.size(); i++) {
      gaps[i - 1] = times.get(i) - times.get(i - 1);
    }
    java.util.Arrays.sort(gaps);
    return new SourceCadence(file, times.size(), gaps.length == 0 ? 0 : gaps[(gaps.length - 1) / 2]);
  }

  /**
   * The warning a replay prints when this source quotes less often than the oracle's staleness limit: part of the
   * time between its quotes it counts as stale, and with too few live sources the oracle's price is stale.
   */
  public Optional<String> stalenessWarning(long stalenessMillis, String key) {
    if (medianGapMillis <= stalenessMillis) {
      return Optional.empty();
    }
    return Optional.of(String.format(java.util.Locale.ROOT, "warning: %s:%s (%s) quotes every %s, longer than %s=%d:"
        + " each quote goes stale before the next, and while fewer than oracle.min-sources sources of %s are live"
        + " its oracle prices are stale and liquidate nobody (raise %s to at least %d, or add a faster source)",
        file.underlying(), file.source(), file.path().getFileName(), seconds(medianGapMillis), key, stalenessMillis,
        file.underlying(), key, medianGapMillis));
  }

  /**
   * Everything a replay's sources and oracle settings make stale, one line each: an underlying with fewer sources
   * than {@code minSources} (every one of its prices is stale), then each source slower than the staleness limit.
   */
  public static List<String> warnings(List<SourceCadence> cadences, long stalenessMillis, String stalenessKey,
      int minSources, String minSourcesKey) {
    List<String> warnings = new ArrayList<>();
    java.util.Map<String, Long> sources = new java.util.TreeMap<>();
    cadences.forEach(c -> sources.merge(c.file().underlying(), 1L, Long::sum));
    sources.forEach((underlying, n) -> {
      if (n < minSources) {
        warnings.add(String.format(java.util.Locale.ROOT, "warning: %s has %d price source%s but %s=%d: every %s "
            + "oracle price will be stale and liquidate nobody (add a source or set %s=%d)", underlying, n,
            n == 1 ? "" : "s", minSourcesKey, minSources, underlying, minSourcesKey, n));
      }
    });
    cadences.forEach(c -> c.stalenessWarning(stalenessMillis, stalenessKey).ifPresent(warnings::add));
    return warnings;
  }

  private static String seconds(long millis) {
    return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.3f s", millis / 1e3);
  }
}
