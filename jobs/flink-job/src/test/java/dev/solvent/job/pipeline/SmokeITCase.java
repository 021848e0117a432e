package dev.solvent.job.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.avro.account.MarginMode;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.job.scenario.PipelineRun;
import dev.solvent.job.scenario.Scenario;
import dev.solvent.schema.Topics;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeITCase {

  @TempDir
  Path dir;

  @Test
  void runsEndToEnd() throws Exception {
    Scenario s = new Scenario()
        .perpetual(0, "BTC-PERP", "BTC", "0.005", 100, "0.001", "0.01", "usd")
        .deposit(0, "fund:usd", "USD", "1000000")
        .open(0, "alice", MarginMode.CROSS, "usd")
        .deposit(0, "alice", "USD", "10000")
        .open(0, "bob", MarginMode.CROSS, "usd")
        .deposit(0, "bob", "USD", "100000")
        .trade(1_000, "alice", "BTC-PERP", "1", "100000")
        .trade(1_000, "bob", "BTC-PERP", "-1", "100000");
    for (long t = 0; t <= 30_000; t += 1_000) {
      String price = t < 10_000 ? "100000" : t < 20_000 ? "95000" : "91000";
      s.quotes(t, "BTC", price, "a", "b", "c");
    }
    PipelineRun run = PipelineRun.run(s.write(dir.resolve("in")), dir.resolve("out"),
        SolventConfig.defaults().with("job.parallelism", "2"));
    run.lines("oracle.prices").forEach(System.out::println);
    run.lines("margin.updates").forEach(System.out::println);
    run.lines("liquidation.orders").forEach(System.out::println);
    run.lines("insurance.ledger").forEach(System.out::println);
    run.lines("dead.letters").forEach(System.out::println);
    assertThat(run.records(Topics.ORACLE_PRICES)).isNotEmpty();
  }
}
