package dev.solvent.harness.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.avro.ticks.MarketTick;
import dev.solvent.avro.ticks.Quote;
import dev.solvent.harness.run.PipelineRun;
import dev.solvent.harness.scenario.Scenario;
import dev.solvent.job.config.SolventConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClosedLoopITCase {

  @TempDir
  Path dir;

  @Test
  void stepsRoundTrip() throws Exception {
    List<LoopRecord> feed = new ArrayList<>();
    long t0 = Scenario.T0;
    for (int i = 0; i < 2000; i++) {
      for (String s : List.of("a", "b", "c")) {
        feed.add(new LoopRecord("market.ticks", t0 + i * 1000L, new MarketTick(Scenario.at(i * 1000L),
            new Quote("BTC", s, Scenario.d(String.valueOf(60000 + i)), (long) i, null, null, null, null))));
      }
    }
    List<Long> steps = new ArrayList<>();
    List<String> late = new ArrayList<>();
    int[] prices = new int[1];
    Participant observer = (until, in, out) -> {
      long from = steps.isEmpty() ? Long.MIN_VALUE : steps.get(steps.size() - 1);
      for (LoopRecord o : out) {
        if (o.time() <= from || o.time() > until) {
          late.add(o + " outside (" + from + ", " + until + "]");
        }
        if (o.topic().equals("oracle.prices")) {
          prices[0]++;
        }
      }
      steps.add(until);
      return List.of();
    };
    Configuration flink = PipelineRun.embedded();
    flink.setString("execution.buffer-timeout.interval", "0 ms");
    SolventConfig config = SolventConfig.defaults().with("input.max-out-of-orderness-ms", "0")
        .with("oracle.deviation-threshold", "0")
        .with("checkpoint.dir", dir.resolve("cp").toUri().toString()).with("job.parallelism", "2");
    long began = System.nanoTime();
    new ClosedLoop(config, flink, List.of(observer), (u, o) -> 1000, new Progress(System.err))
        .run(feed.iterator(), t0, t0 + 2_000_000);
    System.err.printf("%d steps in %.1f s%n", steps.size(), (System.nanoTime() - began) / 1e9);
    // one-second steps ending at t0 + 999, t0 + 1999, ..., a last one to the end, then the call at the end of input
    assertThat(steps).hasSize(2002);
    assertThat(steps.get(0)).isEqualTo(t0 + 999);
    assertThat(steps.get(2000)).isEqualTo(t0 + 2_000_000);
    assertThat(late).as("every output arrives in the step of its event time").isEmpty();
    assertThat(prices[0]).as("every tick moves the index and the threshold is 0: one publication per step").isGreaterThanOrEqualTo(1999);
  }
}
