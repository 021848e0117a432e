package dev.solvent.job.account;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * What the trigger index did, as accumulators (read by the benchmarks at the end of a run) and metrics: prices
 * checked, the holders they could have revalued, those they did, checks that revalued every holder (a condition
 * changed or the index is off), and valuations in all.
 */
final class TriggerCounters {

  static final String CHECKS = "trigger-checks";
  static final String EXPOSED = "trigger-exposed";
  static final String REVALUED = "trigger-revalued";
  static final String FULL = "trigger-full-checks";
  static final String VALUATIONS = "account-valuations";

  private final LongCounter checks = new LongCounter();
  private final LongCounter exposed = new LongCounter();
  private final LongCounter revalued = new LongCounter();
  private final LongCounter full = new LongCounter();
  private final LongCounter valuations = new LongCounter();
  private final Counter revaluedMetric;
  private final Counter valuationsMetric;

  TriggerCounters(RuntimeContext context, MetricGroup metrics) {
    context.addAccumulator(CHECKS, checks);
    context.addAccumulator(EXPOSED, exposed);
    context.addAccumulator(REVALUED, revalued);
    context.addAccumulator(FULL, full);
    context.addAccumulator(VALUATIONS, valuations);
    revaluedMetric = metrics.counter("priceRevaluations");
    valuationsMetric = metrics.counter("valuations");
  }

  void checked(int holders, int due, boolean everyHolder) {
    checks.add(1);
    exposed.add(holders);
    revalued.add(due);
    revaluedMetric.inc(due);
    if (everyHolder) {
      full.add(1);
    }
  }

  void valued() {
    valuations.add(1);
    valuationsMetric.inc();
  }
}
