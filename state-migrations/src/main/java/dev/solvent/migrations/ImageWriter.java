package dev.solvent.migrations;

import java.io.Serializable;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.Path;
import org.apache.flink.state.api.output.SnapshotUtils;
import org.apache.flink.state.api.output.TaggedOperatorSubtaskState;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Writes one stage's state in the current layout, key by key, as that stage's own operator would hold it: its keyed
 * state, its timers in its own timer service and namespace, and its operator (broadcast) state. Flink's bootstrap
 * functions cover keyed state with default timers only; the account stage also needs its namespaced timers and its
 * broadcast state, so every migrated stage goes through this one operator.
 */
final class ImageWriter extends AbstractStreamOperator<TaggedOperatorSubtaskState>
    implements OneInputStreamOperator<KeyedImage, TaggedOperatorSubtaskState>, BoundedOneInput {

  private static final long serialVersionUID = 1L;

  /** What a stage writes: its operator state once per subtask, then each key's image. */
  interface Stage extends Serializable {

    default void open(ImageWriter operator) throws Exception {}

    void write(ImageWriter operator, KeyedImage image) throws Exception;
  }

  private final long timestamp;
  private final Path savepointPath;
  private final Stage stage;

  ImageWriter(long timestamp, Path savepointPath, Stage stage) {
    this.timestamp = timestamp;
    this.savepointPath = savepointPath;
    this.stage = stage;
  }

  /** The operator's timer service {@code name}, for registering timers only (nothing fires here). */
  <N> InternalTimerService<N> timers(String name, TypeSerializer<N> namespace) {
    return getInternalTimerService(name, namespace, new Triggerable<Object, N>() {
      @Override
      public void onEventTime(InternalTimer<Object, N> timer) {}

      @Override
      public void onProcessingTime(InternalTimer<Object, N> timer) {}
    });
  }

  @Override
  public void open() throws Exception {
    super.open();
    stage.open(this);
  }

  @Override
  public void processElement(StreamRecord<KeyedImage> element) throws Exception {
    stage.write(this, element.getValue());
  }

  @Override
  public void endInput() throws Exception {
    Configuration job = getContainingTask().getJobConfiguration();
    output.collect(new StreamRecord<>(SnapshotUtils.snapshot(0L, this,
        getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), timestamp,
        CheckpointingOptions.getCheckpointingMode(job), CheckpointingOptions.isUnalignedCheckpointEnabled(job),
        getContainingTask().getConfiguration().getConfiguration(), savepointPath)));
  }
}
