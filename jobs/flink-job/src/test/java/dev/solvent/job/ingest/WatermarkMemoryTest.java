package dev.solvent.job.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class WatermarkMemoryTest {

  @Test
  void aRestoredSourceWithNothingLeftToReadStillHasItsWatermark() throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = new OneInputStreamOperatorTestHarness<String, String>(new WatermarkMemory<>())) {
      h.open();
      h.processElement(new StreamRecord<>("a", 90));
      h.processWatermark(new Watermark(100));
      snapshot = h.snapshot(1, 1);
    }
    try (var h = new OneInputStreamOperatorTestHarness<String, String>(new WatermarkMemory<>())) {
      h.initializeState(snapshot);
      h.open();
      assertThat(watermarks(h)).as("emitted again on open, before any record").containsExactly(100L);
      h.processWatermark(new Watermark(80));
      h.processElement(new StreamRecord<>("b", 120));
      h.processWatermark(new Watermark(130));
      assertThat(watermarks(h)).as("time never goes back").containsExactly(100L, 130L);
      assertThat(h.extractOutputValues()).containsExactly("b");
    }
  }

  @Test
  void aRescaleRestoresTheLowestWatermarkOfTheOldSubtasks() throws Exception {
    OperatorSubtaskState first = snapshotAt(100, 2, 0);
    OperatorSubtaskState second = snapshotAt(70, 2, 1);
    try (var h = new OneInputStreamOperatorTestHarness<String, String>(new WatermarkMemory<>(), 128, 1, 0)) {
      h.initializeState(AbstractStreamOperatorTestHarness.repackageState(first, second));
      h.open();
      assertThat(watermarks(h)).containsExactly(70L);
    }
  }

  @Test
  void aFailoverGivesEverySubtaskItsOwnWatermarkBack() throws Exception {
    // Subtask 0 had read its partitions to the end (watermark 100), subtask 1 was behind (70). Restored at the same
    // parallelism each reads its own partitions again: subtask 0, with no record left, must not fall back to 70.
    OperatorSubtaskState first = snapshotAt(100, 2, 0);
    OperatorSubtaskState second = snapshotAt(70, 2, 1);
    OperatorSubtaskState both = AbstractStreamOperatorTestHarness.repackageState(first, second);
    for (int subtask = 0; subtask < 2; subtask++) {
      try (var h = new OneInputStreamOperatorTestHarness<String, String>(new WatermarkMemory<>(), 128, 2, subtask)) {
        h.initializeState(both);
        h.open();
        assertThat(watermarks(h)).as("subtask " + subtask).containsExactly(subtask == 0 ? 100L : 70L);
      }
    }
  }

  @Test
  void aSavepointWithoutSubtasksNamedRestoresTheLowest() throws Exception {
    OperatorSubtaskState first = legacySnapshotAt(100, 0);
    OperatorSubtaskState second = legacySnapshotAt(70, 1);
    OperatorSubtaskState both = AbstractStreamOperatorTestHarness.repackageState(first, second);
    try (var h = new OneInputStreamOperatorTestHarness<String, String>(new WatermarkMemory<>(), 128, 2, 0)) {
      h.initializeState(both);
      h.open();
      assertThat(watermarks(h)).containsExactly(70L);
      h.processWatermark(new Watermark(90));
      OperatorSubtaskState next = h.snapshot(2, 2);
      try (var again = new OneInputStreamOperatorTestHarness<String, String>(new WatermarkMemory<>(), 128, 2, 0)) {
        again.initializeState(next);
        again.open();
        assertThat(watermarks(again)).as("its next snapshot names the subtask").containsExactly(90L);
      }
    }
  }

  @Test
  void aFreshStartEmitsNothingUntilTheSourceDoes() throws Exception {
    try (var h = new OneInputStreamOperatorTestHarness<String, String>(new WatermarkMemory<>())) {
      h.open();
      assertThat(watermarks(h)).isEmpty();
    }
  }

  private static OperatorSubtaskState snapshotAt(long watermark, int parallelism, int subtask) throws Exception {
    try (var h = new OneInputStreamOperatorTestHarness<String, String>(new WatermarkMemory<>(), 128, parallelism,
        subtask)) {
      h.open();
      h.processWatermark(new Watermark(watermark));
      return h.snapshot(1, 1);
    }
  }

  /** The state layout before subtasks were named: one watermark per subtask in the union list. */
  private static OperatorSubtaskState legacySnapshotAt(long watermark, int subtask) throws Exception {
    try (var h = new OneInputStreamOperatorTestHarness<String, String>(new LegacyMemory(watermark), 128, 2,
        subtask)) {
      h.open();
      return h.snapshot(1, 1);
    }
  }

  private static final class LegacyMemory extends AbstractStreamOperator<String>
      implements OneInputStreamOperator<String, String> {
    private final long watermark;

    LegacyMemory(long watermark) {
      this.watermark = watermark;
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
      super.snapshotState(context);
      getOperatorStateBackend().getUnionListState(new ListStateDescriptor<>("source-watermark", Types.LONG))
          .update(List.of(watermark));
    }

    @Override
    public void processElement(StreamRecord<String> element) {}
  }

  private static List<Long> watermarks(OneInputStreamOperatorTestHarness<String, String> h) {
    return h.getOutput().stream().filter(Watermark.class::isInstance).map(w -> ((Watermark) w).getTimestamp())
        .toList();
  }
}
