package dev.solvent.job.metrics;

import java.io.Serializable;
import org.apache.flink.metrics.MetricGroup;

/**
 * What a risk desk watches of one output topic, as Flink metrics under the {@code solvent} group. A meter only
 * observes records after the decisions are made: nothing it does reaches an output.
 */
public interface Meter<T> extends Serializable {

  /** Registers the metrics that exist from the start (one series per enum value, so a panel shows 0, not nothing). */
  void register(MetricGroup solvent);

  void observe(T record);
}
