package dev.solvent.cli.explain;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.solvent.cli.SolventCli;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import dev.solvent.harness.run.LoopRun;
import dev.solvent.job.config.SolventConfig;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ./solvent explain FILE.json... |-}: account snapshots in, their margin explained as JSON out. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = {"Explain one account's margin: equity, margins, ratio, Greeks, liquidation and bankruptcy prices, "
        + "worst scenarios, liquidation plan (examples/ has one file per margin model). Exit 2 for malformed input.",
        "With --account ID --at TIME --topics DIR: the account's snapshot at that time rebuilt from a run's recorded "
        + "topics and configuration, explained, with the decision at that instant and the account's records up to it."})
public final class ExplainCommand implements Callable<Integer> {

  /** Malformed input or usage: one line on stderr, this exit code. */
  public static final int BAD_INPUT = 2;

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @ParentCommand
  SolventCli root;

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "account snapshots as JSON (- reads standard input);"
      + " with --account: KEY=VALUE configuration overrides")
  List<String> files = new java.util.ArrayList<>();

  @Option(names = "--account", paramLabel = "ID", description = "explain this account from a run's recorded topics")
  String account;

  @Option(names = "--at", paramLabel = "TIME", description = "with --account: the time, ISO-8601 (e.g. the eventTime "
      + "of a liquidation order)")
  Instant at;

  @Option(names = "--topics", paramLabel = "DIR", description = "with --account: a folder of topic files (a demo's or "
      + "replay's topics/, or the inputs and outputs folders of a run); repeatable")
  List<Path> topics = new java.util.ArrayList<>();

  @Option(names = "--config", paramLabel = "FILE", description = "with --account: the run's job configuration "
      + "(default: job.properties beside the first topics folder, which runs write)")
  Path config;

  @Override
  public Integer call() {
    if (account == null) {
      return run(files, System.in, root.out(), root.err());
    }
    return recorded(account, at, topics, config, files, root.out(), root.err());
  }

  /** {@code --account ID --at TIME --topics DIR...}: one account's recorded decision, explained. */
  public static int recorded(String account, Instant at, List<Path> topics, Path configFile, List<String> overrides,
      PrintStream out, PrintStream err) {
    try {
      if (at == null || topics.isEmpty()) {
        throw new InputError("--account", "needs --at TIME and --topics DIR");
      }
      for (String o : overrides) {
        if (!o.contains("=")) {
          throw new InputError(o, "with --account, arguments are KEY=VALUE overrides, not files");
        }
      }
      Path file = configFile != null ? configFile
          : topics.get(0).toAbsolutePath().getParent().resolve(LoopRun.JOB_PROPERTIES);
      boolean found = Files.isRegularFile(file);
      if (configFile != null && !found) {
        throw new InputError("--config", "no such file: " + configFile);
      }
      SolventConfig config = SolventConfig.load(found ? file : null, overrides);
      String source = (found ? file.toString() : "defaults (no " + file + ")")
          + (overrides.isEmpty() ? "" : " + " + String.join(" ", overrides));
      if (!found) {
        err.println("solvent explain: warning: no " + file + ": rebuilding with the default configuration; pass the "
            + "run's --config if it had another");
      }
      out.println(MAPPER.writeValueAsString(RecordedExplanation.explain(account, at.toEpochMilli(),
          RecordedExplanation.read(topics, account), config, source)));
      return 0;
    } catch (InputError | IllegalArgumentException e) {
      err.println("solvent explain: " + e.getMessage());
      return BAD_INPUT;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Explains each file in turn (a stream of JSON documents, one per file); stops at the first bad one. */
  public static int run(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
    if (args.isEmpty()) {
      err.println("usage: ./solvent explain FILE.json [FILE.json ...]   (or - to read standard input)");
      return BAD_INPUT;
    }
    for (String source : args) {
      int code = explain(source, stdin, out, err);
      if (code != 0) {
        return code;
      }
    }
    return 0;
  }

  /**
   * Where the parser stopped; nothing when it does not say (Jackson's length and depth limits, e.g. a 50 MB string
   * or JSON nested 100,000 deep, report no location).
   */
  private static String where(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
        + e.getLocation().getColumnNr();
  }

  /** A message on one line, at most 300 characters (it may quote the input). */
  static String oneLine(String message) {
    String line = String.valueOf(message).replaceAll("\\s+", " ").strip();
    return line.length() <= 300 ? line : line.substring(0, 300) + "…";
  }

  private static int explain(String source, InputStream stdin, PrintStream out, PrintStream err) {
    JsonNode json;
    try {
      json = source.equals("-") ? MAPPER.readTree(stdin) : MAPPER.readTree(Files.readAllBytes(Path.of(source)));
    } catch (NoSuchFileException e) {
      err.println("solvent explain: no such file: " + source);
      return BAD_INPUT;
    } catch (JsonProcessingException e) {
      err.println("solvent explain: " + source + " is not valid JSON: " + oneLine(e.getOriginalMessage())
          + where(e));
      return BAD_INPUT;
    } catch (IOException e) {
      err.println("solvent explain: cannot read " + source + ": " + e.getMessage());
      return BAD_INPUT;
    }
    if (json == null || json.isMissingNode()) {
      err.println("solvent explain: " + source + " is empty");
      return BAD_INPUT;
    }
    try {
      out.println(MAPPER.writeValueAsString(Explainer.explain(json)));
      return 0;
    } catch (InputError e) {
      err.println("solvent explain: " + (source.equals("-") ? "" : source + ": ") + e.getMessage());
      return BAD_INPUT;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
