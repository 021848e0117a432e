package dev.solvent.job.ingest;

import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Sits right behind a source and gives its watermark a memory. Flink does not checkpoint a source's watermarks: a job
 * restored after its sources had read to the end of their input would get no watermark at all (no record is left to
 * make one), and every event-time timer still pending in state would wait forever; a replay resumed from a savepoint
 * would never finish its last minutes. This keeps the watermark each subtask forwarded in (union) operator state and
 * emits it again on restore, then forwards only watermarks above it. Records pass untouched.
 *
 * <p>At the same parallelism (every failover) a subtask reads the same partitions again, so it takes back its own
 * watermark: a subtask whose partitions were read to the end before the checkpoint must not fall back to a slower
 * one's, which no record of its own would ever lift again. After a rescale partitions move between subtasks, so each
 * takes the lowest of the old subtasks' watermarks and time never moves forward; a new subtask given only partitions
 * already read to the end then holds time there until its partitions get records again (a live feed's heartbeats).
 */
public final class WatermarkMemory<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {

  private static final long serialVersionUID = 1L;
  /** Savepoints before the per-subtask memory hold one watermark per subtask, without saying whose. */
  private transient ListState<Long> unattributed;
  /** Per subtask, {subtask index, parallelism, watermark}. */
  private transient ListState<long[]> bySubtask;
  private transient long current;

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    var store = context.getOperatorStateStore();
    unattributed = store.getUnionListState(new ListStateDescriptor<>("source-watermark", Types.LONG));
    bySubtask = store.getUnionListState(
        new ListStateDescriptor<>("source-watermark-by-subtask", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    current = context.isRestored() ? restored() : Long.MIN_VALUE;
  }

  private long restored() throws Exception {
    int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
    long lowest = Long.MAX_VALUE;
    Long own = null;
    boolean sameParallelism = true;
    for (long[] entry : bySubtask.get()) {
      lowest = Math.min(lowest, entry[2]);
      sameParallelism &= entry[1] == parallelism;
      if (entry[0] == subtask) {
        own = entry[2];
      }
    }
    for (Long watermark : unattributed.get()) {
      lowest = Math.min(lowest, watermark);
      sameParallelism = false;
    }
    if (sameParallelism && own != null) {
      return own;
    }
    return lowest == Long.MAX_VALUE ? Long.MIN_VALUE : lowest;
  }

  @Override
  public void open() throws Exception {
    super.open();
    if (current > Long.MIN_VALUE) {
      super.processWatermark(new Watermark(current));
    }
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    unattributed.clear();
    bySubtask.update(List.of(new long[] {getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
        getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks(), current}));
  }

  @Override
  public void processElement(StreamRecord<T> element) {
    output.collect(element);
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    if (mark.getTimestamp() > current) {
      current = mark.getTimestamp();
      super.processWatermark(mark);
    }
  }
}
