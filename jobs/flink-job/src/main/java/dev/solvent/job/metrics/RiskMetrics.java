package dev.solvent.job.metrics;

import dev.solvent.avro.margin.MarginUpdate;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Attaches the risk desk's metrics to the job's output streams: each output gets a tap that observes its records after
 * the decisions are made. Metric names are {@code flink_taskmanager_job_task_operator_solvent_<labels>_<name>} in
 * Prometheus, with labels of low cardinality only (mode, band, kind, reason, underlying, source, fund; never an
 * account).
 */
public final class RiskMetrics {

  /** The metric group every Solvent metric lives in. */
  public static final String GROUP = "solvent";

  private RiskMetrics() {}

  public static <T> void tap(DataStream<T> stream, String topic, Meter<T> meter) {
    stream.process(new MetricsTap<>(meter)).name("metrics " + topic).uid("metrics-" + topic)
        .sinkTo(new DiscardingSink<>()).name("metrics " + topic + " end").uid("metrics-end-" + topic);
  }

  /** The account stage emits margin updates keyed by account id: the tap stays in its subtask, with keyed state. */
  public static void marginHealth(DataStream<MarginUpdate> updates) {
    DataStreamUtils.reinterpretAsKeyedStream(updates, MarginUpdate::getAccountId)
        .process(new MarginHealthFunction()).name("metrics margin.updates").uid("metrics-margin.updates")
        .sinkTo(new DiscardingSink<>()).name("metrics margin.updates end").uid("metrics-end-margin.updates");
  }
}
