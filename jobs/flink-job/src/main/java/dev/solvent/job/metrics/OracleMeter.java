package dev.solvent.job.metrics;

import dev.solvent.avro.oracle.OraclePrice;
import dev.solvent.avro.oracle.SourceObservation;
import dev.solvent.avro.oracle.SourceStatus;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * oracle.prices, per underlying: index and mark, each source's latest price, how many sources were live, outliers or
 * stale in the latest publication and how many were dropped (outlier or stale) over time, whether the price is stale,
 * and the oracle lag (publish time minus the newest source time it used) as a histogram. An underlying's series
 * appear with its first publication after a (re)start.
 */
public final class OracleMeter implements Meter<OraclePrice> {

  private static final long serialVersionUID = 1L;
  /** Lag quantiles over the latest publications of an underlying. */
  private static final int LAG_WINDOW = 500;
  private transient MetricGroup solvent;
  private transient Map<String, Underlying> underlyings;

  private final class Underlying {
    final MetricGroup group;
    double index;
    double mark;
    int stale;
    final Histogram lag = new DescriptiveStatisticsHistogram(LAG_WINDOW);
    final Counter publications;
    final Map<SourceStatus, int[]> sources = new EnumMap<>(SourceStatus.class);
    final Map<SourceStatus, Counter> dropped = new EnumMap<>(SourceStatus.class);
    final Map<String, double[]> sourcePrice = new HashMap<>();

    Underlying(String name) {
      group = solvent.addGroup("underlying", name);
      group.gauge("oracle_index_price", () -> index);
      group.gauge("oracle_mark_price", () -> mark);
      group.gauge("oracle_stale", () -> stale);
      group.histogram("oracle_lag_ms", lag);
      publications = group.counter("oracle_publications");
      for (SourceStatus status : SourceStatus.values()) {
        int[] count = new int[1];
        MetricGroup byStatus = group.addGroup("status", status.name());
        byStatus.gauge("oracle_sources", () -> count[0]);
        sources.put(status, count);
        if (status != SourceStatus.LIVE) {
          dropped.put(status, byStatus.counter("oracle_dropped_sources"));
        }
      }
    }

    void observe(SourceObservation source) {
      sources.get(source.getStatus())[0]++;
      if (source.getStatus() != SourceStatus.LIVE) {
        dropped.get(source.getStatus()).inc();
      }
      sourcePrice.computeIfAbsent(source.getSource(), name -> {
        double[] price = new double[1];
        group.addGroup("source", name).gauge("oracle_source_price", () -> price[0]);
        return price;
      })[0] = source.getPrice().doubleValue();
    }
  }

  @Override
  public void register(MetricGroup solvent) {
    this.solvent = solvent;
    underlyings = new HashMap<>();
  }

  @Override
  public void observe(OraclePrice price) {
    Underlying u = underlyings.computeIfAbsent(price.getUnderlying(), Underlying::new);
    u.index = price.getIndexPrice().doubleValue();
    u.mark = price.getMarkPrice().doubleValue();
    u.stale = price.getStale() ? 1 : 0;
    u.lag.update(price.getPublishTime().toEpochMilli() - price.getSourceTime().toEpochMilli());
    u.publications.inc();
    u.sources.values().forEach(count -> count[0] = 0);
    for (SourceObservation source : price.getSources()) {
      u.observe(source);
    }
  }
}
