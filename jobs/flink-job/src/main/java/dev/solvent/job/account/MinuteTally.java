package dev.solvent.job.account;

import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.accumulators.Accumulator;

/**
 * Sums per minute of event time, as an accumulator: {@code add({minute, a, b, ...})} adds the counts to that
 * minute's. The benchmarks split a run into its calm and crash periods with it.
 */
public final class MinuteTally implements Accumulator<long[], TreeMap<Long, long[]>> {

  private static final long serialVersionUID = 1L;
  private TreeMap<Long, long[]> minutes = new TreeMap<>();

  @Override
  public void add(long[] value) {
    long[] sums = minutes.computeIfAbsent(value[0], m -> new long[value.length - 1]);
    for (int i = 1; i < value.length; i++) {
      sums[i - 1] += value[i];
    }
  }

  @Override
  public TreeMap<Long, long[]> getLocalValue() {
    return minutes;
  }

  @Override
  public void resetLocal() {
    minutes = new TreeMap<>();
  }

  @Override
  public void merge(Accumulator<long[], TreeMap<Long, long[]>> other) {
    for (Map.Entry<Long, long[]> e : other.getLocalValue().entrySet()) {
      long[] value = new long[e.getValue().length + 1];
      value[0] = e.getKey();
      System.arraycopy(e.getValue(), 0, value, 1, e.getValue().length);
      add(value);
    }
  }

  @Override
  public MinuteTally clone() {
    MinuteTally copy = new MinuteTally();
    getLocalValue().forEach((m, v) -> copy.minutes.put(m, v.clone()));
    return copy;
  }
}
