package dev.solvent.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** One run of the command line in this JVM, its exit code and what it printed (the summary on out). */
record CliRun(int exit, String out, String err) {

  static CliRun of(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = SolventCli.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
    CliRun run = new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    System.out.println(run.out()); // the summary, for the build log
    return run;
  }

  /** The values of a summary row, one per column, as printed. */
  List<String> row(String label) {
    for (String line : out.split("\n")) {
      if (line.startsWith(label + "  ")) {
        return Arrays.stream(line.substring(label.length()).trim().split("\\s{2,}")).toList();
      }
    }
    throw new AssertionError("no summary row '" + label + "' in:\n" + out);
  }

  long count(String label, int column) {
    return Long.parseLong(row(label).get(column).replace(",", ""));
  }
}
