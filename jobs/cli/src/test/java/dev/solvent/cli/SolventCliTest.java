package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SolventCliTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return SolventCli.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpListsEveryCommand() {
    assertThat(run("--help")).isZero();
    assertThat(out()).contains("Usage: solvent", "demo", "replay", "load-topics", "submit", "stop", "consume",
        "migrate-savepoint", "plan", "throughput", "explain", "generate-completion");
    assertThat(out()).doesNotContain("reference");
  }

  @Test
  void eachCommandHasItsOwnHelp() {
    assertThat(run("demo", "--help")).isZero();
    assertThat(out()).contains("Usage: solvent demo", "--accounts=N", "--seed=S", "--fund=USD", "--out=DIR",
        "--config=FILE", "KEY=VALUE", "default: 10000");
  }

  @Test
  void noCommandIsAUsageError() {
    assertThat(run()).isEqualTo(SolventCli.USAGE);
    assertThat(err()).contains("Usage: solvent");
  }

  @Test
  void aMistypedCommandOrOptionNamesItAndSuggestsTheNearest() {
    assertThat(run("dmeo")).isEqualTo(SolventCli.USAGE);
    assertThat(err()).contains("Unmatched argument", "'dmeo'", "Did you mean", "demo");
    err.reset();
    assertThat(run("demo", "--acounts", "10")).isEqualTo(SolventCli.USAGE);
    assertThat(err()).contains("solvent demo: Unknown option: '--acounts'", "Did you mean", "--accounts",
        "Run 'solvent demo --help'");
  }

  @Test
  void anArgumentThatIsNeitherOptionNorOverrideIsRefused() {
    assertThat(run("demo", "full")).isEqualTo(SolventCli.USAGE);
    assertThat(err()).contains("'full' is neither an option nor a KEY=VALUE override");
  }

  @Test
  void anUnknownConfigurationKeyIsOneLineNamingIt() {
    assertThat(run("demo", "liquidation.moed=full")).isEqualTo(SolventCli.USAGE);
    assertThat(err()).startsWith("solvent demo: ").contains("liquidation.moed").doesNotContain("Exception");
  }

  @Test
  void versionNamesTheBuildAndTheSavepointsItRestores() {
    assertThat(run("--version")).isZero();
    assertThat(out()).containsPattern("solvent \\d+\\.\\d+\\.\\d+\\S* on Apache Flink 2\\.2\\.\\d").contains("v0.1");
  }

  @Test
  void planNamesEveryStageItsKeyAndItsTopics() {
    assertThat(run("plan")).isZero();
    assertThat(out()).contains("oracle", "risk-arrays", "account", "insurance-fund", "adl", "auction",
        "oracle.prices", "insurance.ledger", "adl.orders", "dead.letters").containsPattern("account\\s+keyBy "
        + "account").doesNotContain("exposure");
  }

  @Test
  void aBoundedResumeFromASavepointIsRefusedBeforeAnythingIsUploaded() {
    assertThat(run("submit", "--rest", "http://127.0.0.1:1", "--bounded", "--savepoint", "file:/tmp/sp"))
        .isEqualTo(SolventCli.USAGE);
    assertThat(err()).contains("FLINK-31006", "resume unbounded");
  }

  @Test
  void migrateSavepointRefusesWhatIsNotASolventSavepoint(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("_metadata"), "not a savepoint");
    assertThat(run("migrate-savepoint", dir.toString(), dir.resolve("out").toString())).isEqualTo(SolventCli.USAGE);
    assertThat(err()).startsWith("solvent migrate-savepoint: ").contains("is not a readable Flink savepoint");
  }

  @Test
  void theCompletionScriptCompletesCommandsAndOptionsInBash(@TempDir Path dir) throws Exception {
    assertThat(run("generate-completion")).isZero();
    Path script = dir.resolve("solvent-completion.bash");
    Files.writeString(script, out());
    // Source the script, then ask it to complete "solvent de" and "solvent demo --acc" as bash would.
    String probe = "source " + script + "\n"
        + "COMP_WORDS=(solvent de); COMP_CWORD=1; COMP_LINE='solvent de'; COMP_POINT=10; _complete_solvent; "
        + "echo \"commands: ${COMPREPLY[*]}\"\n"
        + "COMP_WORDS=(solvent demo --acc); COMP_CWORD=2; COMP_LINE='solvent demo --acc'; COMP_POINT=18; "
        + "_complete_solvent; echo \"options: ${COMPREPLY[*]}\"\n";
    Process bash = new ProcessBuilder("bash", "-c", probe).redirectErrorStream(true).start();
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String answer = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(answer).contains("commands: demo").contains("options: --accounts");
  }

  @Test
  void theReadmeDocumentsEveryCommandsOptionsAsTheCommandsDefineThem() throws Exception {
    Path readme = Path.of(System.getProperty("solvent.project.dir", "../..")).resolve("README.md");
    String text = Files.readString(readme);
    String begin = "<!-- command reference: generated by ./solvent reference -->\n";
    String end = "<!-- end of command reference -->";
    assertThat(text).contains(begin, end);
    String documented = text.substring(text.indexOf(begin) + begin.length(), text.indexOf(end));
    assertThat(documented).as("README's command reference; regenerate it with ./solvent reference")
        .isEqualTo(ReferenceCommand.markdown(SolventCli.commandLine(System.out, System.err)));
  }
}
