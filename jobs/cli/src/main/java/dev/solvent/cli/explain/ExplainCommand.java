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
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ./solvent explain FILE.json... |-}: account snapshots in, their margin explained as JSON out. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = {"Explain one account's margin: equity, margins, ratio, Greeks, liquidation and bankruptcy prices, "
        + "worst scenarios, liquidation plan (examples/ has one file per margin model). Exit 2 for malformed input."})
public final class ExplainCommand implements Callable<Integer> {

  /** Malformed input or usage: one line on stderr, this exit code. */
  public static final int BAD_INPUT = 2;

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @ParentCommand
  SolventCli root;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "account snapshots as JSON (- reads standard input)")
  List<String> files;

  @Override
  public Integer call() {
    return run(files, System.in, root.out(), root.err());
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

  private static int explain(String source, InputStream stdin, PrintStream out, PrintStream err) {
    JsonNode json;
    try {
      json = source.equals("-") ? MAPPER.readTree(stdin) : MAPPER.readTree(Files.readAllBytes(Path.of(source)));
    } catch (NoSuchFileException e) {
      err.println("solvent explain: no such file: " + source);
      return BAD_INPUT;
    } catch (JsonProcessingException e) {
      err.println("solvent explain: " + source + " is not valid JSON: " + e.getOriginalMessage() + " at line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
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
