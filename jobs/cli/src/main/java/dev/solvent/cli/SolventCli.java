package dev.solvent.cli;

import dev.solvent.cli.explain.ExplainCommand;
import dev.solvent.job.config.InvalidConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code ./solvent} command line: one subcommand per user task, each with its own {@code --help}. Exit codes: 0
 * done; 1 failed (a stack trace says where); 2 used wrongly or given malformed input (one line says what, and a
 * mistyped option or command gets the nearest one suggested); 3 a run's books do not hold.
 */
@Command(name = "solvent", mixinStandardHelpOptions = true, versionProvider = SolventCli.Version.class,
    description = "Solvent: streaming margin and liquidation engine on Apache Flink.",
    subcommands = {DemoCommand.class, ReplayCommand.class, LoadTopicsCommand.class, SubmitCommand.class,
        StopCommand.class, ConsumeCommand.class, MigrateSavepointCommand.class, PlanCommand.class,
        ThroughputCommand.class, BenchCommand.class, LatencyCommand.class, ExplainCommand.class,
        KafkaAccessCommand.class, AutoComplete.GenerateCompletion.class, ReferenceCommand.class},
    footer = {"", "Run ./solvent COMMAND --help for a command's options; README.md says more."})
public final class SolventCli implements Callable<Integer> {

  /** Used wrongly or given malformed input. */
  public static final int USAGE = 2;

  final PrintStream out;
  final PrintStream err;

  @Spec
  CommandSpec spec;

  SolventCli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Where commands print their results. */
  public PrintStream out() {
    return out;
  }

  /** Where commands print progress and errors. */
  public PrintStream err() {
    return err;
  }

  public static void main(String[] args) {
    System.exit(commandLine(System.out, System.err).execute(args));
  }

  /** The command line printing to {@code out} and {@code err}, with Solvent's error handling. */
  public static CommandLine commandLine(PrintStream out, PrintStream err) {
    CommandLine line = new CommandLine(new SolventCli(out, err));
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    // picocli hides its completion command; here it is a documented command.
    line.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
    line.setParameterExceptionHandler((e, args) -> {
      CommandLine failed = e.getCommandLine();
      err.println(failed.getCommandSpec().qualifiedName() + ": " + e.getMessage());
      if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
        suggestion(failed, unmatched.getUnmatched().get(0)).ifPresent(s -> err.println("Did you mean " + s + "?"));
      }
      err.println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for its options.");
      return USAGE;
    });
    line.setExecutionExceptionHandler((e, failed, parsed) -> {
      if (e instanceof IllegalArgumentException || e instanceof InvalidConfigException) {
        // malformed options, configuration or input files: say what, not where in the code
        err.println(failed.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        return USAGE;
      }
      if (e instanceof KafkaException) {
        // a refused login or grant, a truststore that does not open: the broker's or the client's reason, once
        err.println(failed.getCommandSpec().qualifiedName() + ": Kafka: " + reasons(e));
        return 1;
      }
      throw e;
    });
    return line;
  }

  /** The messages of a failure and its causes, each once, from the outermost. */
  private static String reasons(Throwable e) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && messages.stream().noneMatch(known -> known.contains(m))) {
        messages.add(m);
      }
    }
    return String.join(": ", messages);
  }

  /** The option or command nearest to a mistyped one. */
  private static Optional<String> suggestion(CommandLine line, String typed) {
    String word = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
    List<String> known = new ArrayList<>();
    if (word.startsWith("-")) {
      line.getCommandSpec().options().forEach(o -> known.addAll(List.of(o.names())));
    } else {
      line.getSubcommands().forEach((name, sub) -> {
        if (!sub.getCommandSpec().usageMessage().hidden()) {
          known.add(name);
        }
      });
    }
    return Nearest.of(word, known).map(s -> word.startsWith("-") ? s
        : line.getCommandSpec().qualifiedName() + " " + s);
  }

  /** No command: what there is to run. */
  @Override
  public Integer call() {
    spec.commandLine().usage(err);
    return USAGE;
  }

  /** {@code --version}: this build and what it restores. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = SolventCli.class.getResourceAsStream("/solvent-version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"solvent " + p.getProperty("version", "(unknown)") + " on Apache Flink "
          + p.getProperty("flink", "(unknown)"),
          "restores savepoints of v0.1 (after ./solvent migrate-savepoint) and of this version"};
    }
  }
}
