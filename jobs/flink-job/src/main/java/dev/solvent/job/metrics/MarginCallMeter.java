package dev.solvent.job.metrics;

import dev.solvent.avro.calls.MarginCall;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/** margin.calls: how many were sent. */
public final class MarginCallMeter implements Meter<MarginCall> {

  private static final long serialVersionUID = 1L;
  private transient Counter calls;

  @Override
  public void register(MetricGroup solvent) {
    calls = solvent.counter("margin_calls");
  }

  @Override
  public void observe(MarginCall call) {
    calls.inc();
  }
}
