package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SolventCliTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    return new SolventCli().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpListsEverySubcommand() throws Exception {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: ./solvent COMMAND", "demo", "plan");
  }

  @Test
  void unknownCommandIsAUsageError() throws Exception {
    assertThat(run("liquidate-everyone")).isEqualTo(SolventCli.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'liquidate-everyone'");
  }

  @Test
  void planNamesEveryStageAndTopic() throws Exception {
    assertThat(run("plan")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("oracle", "risk-arrays", "exposure", "account",
        "insurance-fund", "adl", "auction", "oracle.prices", "insurance.ledger", "adl.orders", "dead.letters");
  }

  @Test
  void aBoundedResumeFromASavepointIsRefusedBeforeAnythingIsUploaded() throws Exception {
    assertThat(run("submit", "--rest", "http://127.0.0.1:1", "--bounded", "--savepoint", "file:/tmp/sp"))
        .isEqualTo(SolventCli.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("FLINK-31006", "resume unbounded");
  }
}
