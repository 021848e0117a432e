package dev.solvent.job.ingest;

import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
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
 * would never finish its last minutes. This keeps the watermark it forwarded in (union) operator state and emits it
 * again on restore (the lowest of the restored subtasks', so a rescale never moves time forward), then forwards only
 * watermarks above it. Records pass untouched.
 */
public final class WatermarkMemory<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {

  private static final long serialVersionUID = 1L;
  private transient ListState<Long> checkpointed;
  private transient long current;

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    checkpointed = context.getOperatorStateStore().getUnionListState(
        new ListStateDescriptor<>("source-watermark", Types.LONG));
    current = Long.MIN_VALUE;
    if (context.isRestored()) {
      long lowest = Long.MAX_VALUE;
      for (Long watermark : checkpointed.get()) {
        lowest = Math.min(lowest, watermark);
      }
      current = lowest == Long.MAX_VALUE ? Long.MIN_VALUE : lowest;
    }
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
    checkpointed.update(List.of(current));
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
