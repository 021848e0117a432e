package dev.solvent.harness.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.job.config.SolventConfig;
import dev.solvent.harness.run.PipelineRun;
import dev.solvent.harness.scenario.RandomScenario;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same input topics give identical output topics at parallelism 1 and 4 (per key, byte for byte). */
class DeterminismITCase {

  @TempDir
  Path dir;

  @Test
  void parallelismOneAndFourProduceIdenticalOutputs() throws Exception {
    Map<String, List<Path>> inputs = RandomScenario.generate(7, 300, 240, 0.35).write(dir.resolve("in"));
    SolventConfig config = SolventConfig.defaults().with("checkpoint.interval-ms", "500");
    var one = PipelineRun.run(inputs, dir.resolve("p1"), config.with("job.parallelism", "1")).canonical();
    var four = PipelineRun.run(inputs, dir.resolve("p4"), config.with("job.parallelism", "4")).canonical();

    assertThat(one.get("liquidation.orders")).isNotEmpty();
    assertThat(one.get("auction.events")).isNotEmpty();
    assertThat(one.get("margin.calls")).isNotEmpty();
    assertThat(one.get("oracle.prices").get("BTC")).anySatisfy(p -> assertThat(p).contains("\"OUTLIER\""));
    for (String topic : one.keySet()) {
      assertThat(four.get(topic)).as(topic).isEqualTo(one.get(topic));
    }
    long records = one.values().stream().flatMap(m -> m.values().stream()).mapToLong(List::size).sum();
    System.out.printf("determinism: %d output records, identical at parallelism 1 and 4%n", records);
  }
}
