package dev.solvent.job.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
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

  private static List<Long> watermarks(OneInputStreamOperatorTestHarness<String, String> h) {
    return h.getOutput().stream().filter(Watermark.class::isInstance).map(w -> ((Watermark) w).getTimestamp())
        .toList();
  }
}
