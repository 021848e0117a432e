package dev.solvent.harness.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.harness.crash.CrashScenario;
import dev.solvent.harness.loop.Feed;
import dev.solvent.harness.loop.Progress;
import dev.solvent.harness.run.LoopRun;
import dev.solvent.harness.run.OtherSide;
import dev.solvent.harness.run.RunConfig;
import dev.solvent.harness.run.RunResult;
import dev.solvent.harness.run.RunSpec;
import dev.solvent.job.config.SolventConfig;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The books hold with every combination of issue 17's mechanisms switched on: the crash (1,000 accounts, a tenth of
 * them margined in BTC, spread over three funds seeded with 1,000 USD in all, so deficits exhaust them) through the
 * job in the closed loop with the venue, the liquidators and the backstop providers, checked by the invariant checker
 * (ledgers of the funds and the pool, bankruptcy deficits of every fill including takeovers, triggers, conservation).
 * Each mechanism switched on shows in the outputs it owns.
 */
class MechanismCombinationsITCase {

  @TempDir
  static Path dir;
  static Feed feed;

  @BeforeAll
  static void generate() {
    feed = CrashScenario.generate(new CrashScenario.Settings(1_000, 20_200_312L, new BigDecimal("1000"), 0.1, 3));
  }

  static Stream<Arguments> combinations() {
    Stream.Builder<Arguments> all = Stream.builder();
    for (int mask = 0; mask < 8; mask++) {
      all.add(Arguments.of((mask & 1) != 0, (mask & 2) != 0, (mask & 4) != 0));
    }
    return all.build();
  }

  @ParameterizedTest(name = "netting {0}, risk auction {1}, pool {2}")
  @MethodSource("combinations")
  void theBooksHold(boolean netting, boolean riskAuction, boolean pool) throws Exception {
    SolventConfig config = RunConfig.loop(null, java.util.List.of())
        .with("oracle.deviation-threshold", "0.004").with("oracle.heartbeat-ms", "300000")
        .with("liquidation.netting", Boolean.toString(netting))
        .with("liquidation.risk-auction", Boolean.toString(riskAuction))
        .with("insurance.pool", Boolean.toString(pool));
    Path out = dir.resolve("run-" + netting + "-" + riskAuction + "-" + pool);
    RunResult result = LoopRun.run(new RunSpec("combination", feed, config, OtherSide.venue(true),
        OtherSide.liquidators(20_200_312L, 8), OtherSide::gas, out), Progress.silent());
    assertThat(result.violations()).isEmpty();
    assertThat(result.checkedAccounts()).isPositive();
    Path topics = LoopRun.topics(out);
    assertThat(lines(topics, "liquidation.orders")).as("the crash liquidates").isPositive();
    assertThat(lines(topics, "risk.offers") > 0).as("offers iff the risk auction").isEqualTo(riskAuction);
    assertThat(lines(topics, "risk.awards")).as("an award per offer").isEqualTo(lines(topics, "risk.offers"));
    assertThat(lines(topics, "insurance.pool") > 0).as("the pool's ledger iff the pool").isEqualTo(pool);
    if (riskAuction) {
      assertThat(result.venue().takeovers()).as("providers take portfolios over").isPositive();
    }
  }

  private static long lines(Path topics, String topic) throws Exception {
    Path file = topics.resolve(topic + ".jsonl");
    if (!Files.exists(file)) {
      return 0;
    }
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    }
  }
}
