package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.schema.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./solvent demo} end to end, on a tenth of the population to keep the suite short: the crash through the job
 * in the closed loop, every topic written, the report, and the invariants holding.
 */
class DemoITCase {

  @TempDir
  Path dir;

  @Test
  void theCrashLiquidatesCascadesAndKeepsItsBooks() throws Exception {
    Path out = dir.resolve("demo");
    CliRun run = CliRun.of("demo", "--accounts", "1000", "--fund", "1000", "--out", out.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("invariants hold");
    assertThat(run.count("accounts", 0)).isEqualTo(1_000);
    assertThat(run.count("liquidations, partial", 0)).isPositive();
    assertThat(run.count("auctions settled", 0)).isPositive();
    assertThat(run.count("liquidators' auctions won", 0)).isEqualTo(run.count("auctions settled", 0));
    assertThat(run.count("flat accounts whose equity was re-derived", 0)).isPositive();
    assertThat(run.count("invariant violations", 0)).isZero();
    for (var topic : Topics.ALL) {
      // a tenth of the population may end without dead letters or ADL (the full demo has ADL)
      if (!topic.name().equals("dead.letters") && !topic.name().equals("adl.orders")) {
        assertThat(out.resolve("topics").resolve(topic.name() + ".jsonl")).as(topic.name()).isNotEmptyFile();
      }
    }
    String report = Files.readString(out.resolve("report.html"));
    assertThat(report).contains("<svg", "BTC: oracle index vs sources", "Insurance fund balance",
        "Accounts by margin ratio", "Liquidations started per", "cascade depth").doesNotContain("<script");
  }
}
