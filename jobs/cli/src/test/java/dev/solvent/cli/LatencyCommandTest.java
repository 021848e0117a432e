package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencyCommandTest {

  @Test
  void aModeIsADeliveryAndItsCheckpointInterval() {
    assertThat(LatencyCommand.delivery("at-least-once"))
        .isEqualTo(Map.of("output.delivery", "at-least-once", "checkpoint.interval-ms", "10000"));
    assertThat(LatencyCommand.delivery("exactly-once@1000"))
        .isEqualTo(Map.of("output.delivery", "exactly-once", "checkpoint.interval-ms", "1000"));
    assertThatThrownBy(() -> LatencyCommand.delivery("exactly-once")).hasMessageContaining("exactly-once@MS");
    assertThatThrownBy(() -> LatencyCommand.delivery("at-least-once@1000")).hasMessageContaining("at-least-once");
  }

  @Test
  void aBrokerOffThisMachineIsRefusedBeforeAnythingIsDeleted() throws Exception {
    LiveRun.requireLoopback("127.0.0.1:9092,localhost:9093");
    assertThatThrownBy(() -> LiveRun.requireLoopback("127.0.0.1:9092,10.1.2.3:9092"))
        .hasMessageContaining("10.1.2.3:9092 is not on loopback");
    CliRun run = CliRun.of("latency", "--bootstrap", "10.1.2.3:9092");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("not on loopback");
  }
}
