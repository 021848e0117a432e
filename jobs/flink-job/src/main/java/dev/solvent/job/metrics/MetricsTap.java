package dev.solvent.job.metrics;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Feeds every record of an output stream to its {@link Meter}; emits nothing. */
public final class MetricsTap<T> extends ProcessFunction<T, Void> {

  private static final long serialVersionUID = 1L;
  private final Meter<T> meter;

  public MetricsTap(Meter<T> meter) {
    this.meter = meter;
  }

  @Override
  public void open(OpenContext context) {
    meter.register(getRuntimeContext().getMetricGroup().addGroup(RiskMetrics.GROUP));
  }

  @Override
  public void processElement(T record, Context ctx, Collector<Void> out) {
    meter.observe(record);
  }
}
