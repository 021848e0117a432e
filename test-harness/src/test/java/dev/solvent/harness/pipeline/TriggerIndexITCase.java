package dev.solvent.harness.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.harness.run.PipelineRun;
import dev.solvent.harness.scenario.RandomScenario;
import dev.solvent.job.config.SolventConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trigger index decides nothing: with it on, every output topic equals the run that revalues every holder on
 * every price (risk.trigger-index=off), at parallelism 1 and 4, and across a stop and a restore at another
 * parallelism, where each subtask rebuilds its index from the key groups it now owns.
 */
class TriggerIndexITCase {

  @TempDir
  Path dir;

  @Test
  void outputsAreTheSameWithTheIndexOnAndOffAtAnyParallelismAndThroughARescale() throws Exception {
    Map<String, List<Path>> inputs = RandomScenario.generate(11, 300, 300, 0.35).write(dir.resolve("in"));
    SolventConfig config = SolventConfig.defaults().with("checkpoint.interval-ms", "300");
    var off = PipelineRun.run(inputs, dir.resolve("off"), config.with("risk.trigger-index", "off")
        .with("job.parallelism", "1")).canonical();
    var on = PipelineRun.run(inputs, dir.resolve("on-1"), config.with("job.parallelism", "1")).canonical();
    var onFour = PipelineRun.run(inputs, dir.resolve("on-4"), config.with("job.parallelism", "4")).canonical();
    assertThat(off.get("liquidation.orders")).isNotEmpty();
    assertThat(off.get("margin.calls")).isNotEmpty();
    assertThat(off.get("auction.events")).isNotEmpty();
    for (String topic : off.keySet()) {
      assertThat(on.get(topic)).as("%s, index on", topic).isEqualTo(off.get(topic));
      assertThat(onFour.get(topic)).as("%s, index on at parallelism 4", topic).isEqualTo(off.get(topic));
    }

    Path output = dir.resolve("rescaled");
    Path checkpoints = dir.resolve("checkpoints");
    SolventConfig first = config.with("job.parallelism", "2").with("checkpoint.dir", checkpoints.toUri().toString());
    Path checkpoint = RestoreITCase.cancelAfterCheckpoint(inputs, output, first, checkpoints, 3);
    RestoreITCase.restoreAndFinish(inputs, output, first.with("job.parallelism", "3"), checkpoint);
    var rescaled = PipelineRun.read(output).canonical();
    for (String topic : off.keySet()) {
      assertThat(rescaled.get(topic)).as("%s, restored from parallelism 2 at 3", topic).isEqualTo(off.get(topic));
    }
    long records = off.values().stream().flatMap(m -> m.values().stream()).mapToLong(List::size).sum();
    System.out.printf("trigger index: %d output records, identical off, on at parallelism 1 and 4, and restored "
        + "from %s at another parallelism%n", records, checkpoint.getFileName());
  }
}
