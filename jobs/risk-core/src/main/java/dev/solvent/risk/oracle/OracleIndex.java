package dev.solvent.risk.oracle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The index price of an underlying from its sources' latest quotes, manipulation-resistant:
 *
 * <ol>
 *   <li>drop sources silent for longer than the staleness limit;</li>
 *   <li>take the median of the rest, drop those further than the band from it (a venue printing a spike), and take
 *       the median of what remains;</li>
 *   <li>with fewer than the minimum live sources the price is stale and must not trigger liquidations.</li>
 * </ol>
 *
 * Depth is the median over the live sources that report it.
 */
public record OracleIndex(long stalenessMillis, double outlierBand, int minSources) {

  /** The index at one instant. {@code index} is NaN when no source is live. */
  public record Result(double index, long sourceTime, int liveSources, boolean stale, List<SourceQuote> quotes,
      List<SourceStatus> statuses, double bidDepth2Pct, double askDepth2Pct) {}

  public Result compute(List<SourceQuote> latest, long now) {
    List<SourceQuote> quotes = new ArrayList<>(latest);
    quotes.sort(Comparator.comparing(SourceQuote::source));
    SourceStatus[] statuses = new SourceStatus[quotes.size()];
    List<Double> fresh = new ArrayList<>();
    for (int i = 0; i < quotes.size(); i++) {
      boolean isFresh = now - quotes.get(i).time() <= stalenessMillis;
      statuses[i] = isFresh ? SourceStatus.LIVE : SourceStatus.STALE;
      if (isFresh) {
        fresh.add(quotes.get(i).price());
      }
    }
    if (fresh.isEmpty()) {
      return new Result(Double.NaN, Long.MIN_VALUE, 0, true, quotes, Arrays.asList(statuses), Double.NaN, Double.NaN);
    }
    double firstMedian = median(fresh);
    List<Double> live = new ArrayList<>();
    List<Double> bids = new ArrayList<>();
    List<Double> asks = new ArrayList<>();
    long sourceTime = Long.MIN_VALUE;
    for (int i = 0; i < quotes.size(); i++) {
      SourceQuote q = quotes.get(i);
      if (statuses[i] != SourceStatus.LIVE) {
        continue;
      }
      if (Math.abs(q.price() / firstMedian - 1) > outlierBand) {
        statuses[i] = SourceStatus.OUTLIER;
        continue;
      }
      live.add(q.price());
      sourceTime = Math.max(sourceTime, q.time());
      if (q.bidDepth2Pct() >= 0) {
        bids.add(q.bidDepth2Pct());
      }
      if (q.askDepth2Pct() >= 0) {
        asks.add(q.askDepth2Pct());
      }
    }
    double index = live.isEmpty() ? Double.NaN : median(live);
    return new Result(index, sourceTime, live.size(), live.size() < minSources, quotes, Arrays.asList(statuses),
        bids.isEmpty() ? Double.NaN : median(bids), asks.isEmpty() ? Double.NaN : median(asks));
  }

  static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
  }
}
