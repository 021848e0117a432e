package dev.solvent.job.account;

import dev.solvent.risk.trigger.TriggerIndex;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * What the trigger index did, as accumulators (read by the benchmarks at the end of a run) and metrics: prices
 * checked, the holders they could have revalued, those they did, checks that revalued every holder (a condition
 * changed or the index is off), and valuations in all.
 */
public final class TriggerCounters {

  public static final String CHECKS = "trigger-checks";
  public static final String EXPOSED = "trigger-exposed";
  public static final String REVALUED = "trigger-revalued";
  public static final String FULL = "trigger-full-checks";
  public static final String VALUATIONS = "account-valuations";
  /**
   * Per minute of event time: {checks, exposed, revalued, then the revalued by {@link TriggerIndex.Cause} in its
   * order, then the valuations without an event of the account's own that emitted an output}: the last is what no
   * index can save, since those outputs had to change.
   */
  public static final String BY_MINUTE = "trigger-by-minute";
  public static final String CHECKPOINT_MS_MAX = "account-checkpoint-ms-max";
  public static final String CHECKPOINT_MS_SUM = "account-checkpoint-ms-sum";
  public static final String CHECKPOINTS = "account-checkpoints";

  private static final int TALLY_WIDTH = 5 + TriggerIndex.Cause.values().length;

  private final LongCounter checks = new LongCounter();
  private final LongCounter exposed = new LongCounter();
  private final LongCounter revalued = new LongCounter();
  private final LongCounter full = new LongCounter();
  private final LongCounter valuations = new LongCounter();
  private final MinuteTally byMinute = new MinuteTally();
  private final LongMaximum checkpointMax = new LongMaximum();
  private final LongCounter checkpointSum = new LongCounter();
  private final LongCounter checkpoints = new LongCounter();
  private final Counter revaluedMetric;
  private final Counter valuationsMetric;

  TriggerCounters(RuntimeContext context, MetricGroup metrics) {
    context.addAccumulator(CHECKS, checks);
    context.addAccumulator(EXPOSED, exposed);
    context.addAccumulator(REVALUED, revalued);
    context.addAccumulator(FULL, full);
    context.addAccumulator(VALUATIONS, valuations);
    context.addAccumulator(BY_MINUTE, byMinute);
    context.addAccumulator(CHECKPOINT_MS_MAX, checkpointMax);
    context.addAccumulator(CHECKPOINT_MS_SUM, checkpointSum);
    context.addAccumulator(CHECKPOINTS, checkpoints);
    revaluedMetric = metrics.counter("priceRevaluations");
    valuationsMetric = metrics.counter("valuations");
  }

  void checked(long time, int holders, TriggerIndex.Due due, boolean everyHolder) {
    int count = due.accounts().size();
    long[] tally = new long[TALLY_WIDTH];
    tally[0] = Math.floorDiv(time, 60_000);
    tally[1] = 1;
    tally[2] = holders;
    tally[3] = count;
    for (int i = 0; i < due.byCause().length; i++) {
      tally[4 + i] = due.byCause()[i];
    }
    byMinute.add(tally);
    checks.add(1);
    exposed.add(holders);
    revalued.add(count);
    revaluedMetric.inc(count);
    if (everyHolder) {
      full.add(1);
    }
  }

  /** A checkpoint of the account stage completed {@code millis} after its snapshot began. */
  void checkpointed(long millis) {
    checkpointMax.add(millis);
    checkpointSum.add(millis);
    checkpoints.add(1L);
  }

  /** A valuation at {@code time}; {@code needed}: it had no event of its own and emitted an output. */
  void valued(long time, boolean needed) {
    valuations.add(1);
    valuationsMetric.inc();
    if (needed) {
      long[] tally = new long[TALLY_WIDTH];
      tally[0] = Math.floorDiv(time, 60_000);
      tally[TALLY_WIDTH - 1] = 1;
      byMinute.add(tally);
    }
  }
}
