package dev.solvent.job.metrics;

import dev.solvent.avro.margin.MarginMode;
import dev.solvent.avro.margin.MarginStatus;
import dev.solvent.avro.margin.MarginUpdate;
import dev.solvent.avro.margin.UnderlyingExposure;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * margin.updates, keyed by account as the account stage emits them: how many accounts sit in each margin-ratio band
 * per margin mode, and how many await liquidation (latest status LIQUIDATABLE or BANKRUPT) per underlying they hold.
 * Each account's band and pending underlyings are keyed state; the counts are operator state, so they survive a
 * restore. After a rescale a subtask's own count can go negative (its accounts' old bands were counted elsewhere);
 * the sum over subtasks, which is what the dashboards show, stays exact.
 */
public final class MarginHealthFunction extends KeyedProcessFunction<String, MarginUpdate, Void>
    implements CheckpointedFunction {

  private static final long serialVersionUID = 1L;
  private static final String BAND = "band|";
  private static final String PENDING = "pending|";

  private transient ValueState<String> band;
  private transient ListState<String> pendingUnderlyings;
  private transient ListState<Tuple2<String, Long>> checkpointedCounts;
  /** "band|MODE|label" and "pending|UNDERLYING" to this subtask's count, in the cell its gauge reads. */
  private transient Map<String, long[]> counts;
  private transient Set<String> gauged;
  private transient MetricGroup solvent;

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    checkpointedCounts = context.getOperatorStateStore().getListState(
        new ListStateDescriptor<>("margin-health-counts", Types.TUPLE(Types.STRING, Types.LONG)));
    counts = new TreeMap<>();
    for (Tuple2<String, Long> restored : checkpointedCounts.get()) {
      counts.computeIfAbsent(restored.f0, k -> new long[1])[0] += restored.f1;
    }
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    List<Tuple2<String, Long>> snapshot = new ArrayList<>();
    counts.forEach((key, count) -> snapshot.add(Tuple2.of(key, count[0])));
    checkpointedCounts.update(snapshot);
  }

  @Override
  public void open(OpenContext context) {
    band = getRuntimeContext().getState(new ValueStateDescriptor<>("band", Types.STRING));
    pendingUnderlyings = getRuntimeContext().getListState(new ListStateDescriptor<>("pending", Types.STRING));
    solvent = getRuntimeContext().getMetricGroup().addGroup(RiskMetrics.GROUP);
    gauged = new HashSet<>();
    for (MarginMode mode : MarginMode.values()) {
      for (MarginBand b : MarginBand.values()) {
        cell(BAND + mode.name() + "|" + b.label());
      }
    }
    new ArrayList<>(counts.keySet()).forEach(this::cell);
  }

  @Override
  public void processElement(MarginUpdate update, Context ctx, Collector<Void> out) throws Exception {
    MarginBand now = MarginBand.of(update.getMarginRatio());
    String newBand = now == null ? null : BAND + update.getMarginMode().name() + "|" + now.label();
    String oldBand = band.value();
    if (!Objects.equals(oldBand, newBand)) { // most updates stay in their band: no state write then
      if (oldBand != null) {
        cell(oldBand)[0]--;
      }
      if (newBand != null) {
        cell(newBand)[0]++;
      }
      band.update(newBand);
    }

    List<String> pending = new ArrayList<>();
    if (update.getStatus() == MarginStatus.LIQUIDATABLE || update.getStatus() == MarginStatus.BANKRUPT) {
      for (UnderlyingExposure exposure : update.getExposures()) {
        pending.add(exposure.getUnderlying());
      }
    }
    List<String> before = new ArrayList<>();
    pendingUnderlyings.get().forEach(before::add);
    if (!before.equals(pending)) {
      before.forEach(underlying -> cell(PENDING + underlying)[0]--);
      pending.forEach(underlying -> cell(PENDING + underlying)[0]++);
      pendingUnderlyings.update(pending);
    }
  }

  /** This subtask's count of accounts in a band (what its gauge shows). */
  long accounts(MarginMode mode, MarginBand b) {
    long[] cell = counts.get(BAND + mode.name() + "|" + b.label());
    return cell == null ? 0 : cell[0];
  }

  /** This subtask's count of accounts awaiting liquidation that hold an underlying. */
  long pending(String underlying) {
    long[] cell = counts.get(PENDING + underlying);
    return cell == null ? 0 : cell[0];
  }

  /** The count for a key, with its gauge registered the first time the key is seen in this subtask. */
  private long[] cell(String key) {
    long[] cell = counts.computeIfAbsent(key, k -> new long[1]);
    if (gauged.add(key)) {
      String[] parts = key.split("\\|");
      if (key.startsWith(BAND)) {
        solvent.addGroup("mode", parts[1]).addGroup("band", parts[2]).gauge("accounts", () -> cell[0]);
      } else {
        solvent.addGroup("underlying", parts[1]).gauge("pending_liquidations", () -> cell[0]);
      }
    }
    return cell;
  }
}
