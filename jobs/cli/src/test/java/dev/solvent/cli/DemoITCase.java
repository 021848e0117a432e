package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.solvent.schema.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    // Every input and every output the default configuration writes (the mechanisms of issue 17 are off); a tenth
    // of the population may end without dead letters or ADL (v0.1's full population has ADL).
    List<dev.solvent.schema.Topic<?>> written = new java.util.ArrayList<>(Topics.INPUTS);
    written.addAll(dev.solvent.job.SolventPipeline.outputs(dev.solvent.job.config.SolventConfig.defaults()));
    for (var topic : written) {
      if (!topic.name().equals("dead.letters") && !topic.name().equals("adl.orders")) {
        assertThat(out.resolve("topics").resolve(topic.name() + ".jsonl")).as(topic.name()).isNotEmptyFile();
      }
    }
    String report = Files.readString(out.resolve("report.html"));
    assertThat(report).contains("<svg", "BTC: oracle index vs sources", "Insurance fund balance",
        "Accounts by margin ratio", "Liquidations started per", "cascade depth").doesNotContain("<script");

    // A support desk's question about the run's last liquidation order, answered from its topics alone.
    List<String> orders = Files.readAllLines(out.resolve("topics").resolve("liquidation.orders.jsonl"));
    JsonNode last = MAPPER.readTree(orders.get(orders.size() - 1));
    CliRun explained = CliRun.of("explain", "--account", last.get("accountId").asText(), "--at",
        last.get("eventTime").asText(), "--topics", out.resolve("topics").toString());
    assertThat(explained.exit()).as(explained.err()).isZero();
    JsonNode answer = MAPPER.readTree(explained.out());
    assertThat(answer.get("configuration").asText()).endsWith("job.properties");
    assertThat(answer.get("explanation").get("account").asText()).isEqualTo(last.get("accountId").asText());
    assertThat(answer.get("decisionAtTime")).anySatisfy(d -> assertThat(d.get("record")).isEqualTo(last));
    assertThat(answer.get("chain")).anySatisfy(c -> assertThat(c.get("record")).isEqualTo(last));
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();
}
