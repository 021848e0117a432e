package dev.solvent.cli;

import dev.solvent.harness.run.LoopRun;
import dev.solvent.harness.run.RunResult;
import dev.solvent.harness.run.Summaries;
import dev.solvent.job.config.SolventConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** What {@code demo} and {@code replay} share: the loop's configuration, and the summary, report and exit code. */
final class Runs {

  /** Invariant violations: the books of a run do not hold. */
  static final int VIOLATION = 3;

  private Runs() {}

  /**
   * The risk configuration of a loop run: the file and overrides on top of the loop's own needs (no out-of-order
   * slack: the loop feeds in event-time order, so holding records back would only slow each step).
   */
  static SolventConfig config(Path file, List<String> overrides) {
    return withDefaults(SolventConfig.load(file, overrides),
        java.util.Map.of("input.max-out-of-orderness-ms", "0", "job.parallelism", "2"));
  }

  /** Where an embedded run serves its metrics, for the run's header. */
  static String metricsLine(SolventConfig config) {
    String port = config.get(SolventConfig.METRICS_PORT);
    return port.equals("off") ? "metrics: off" : "metrics: Prometheus endpoint on 127.0.0.1, first free port of " + port
        + " (metrics.port=off turns it off)";
  }

  /** {@code defaults} for every key the user did not set. */
  static SolventConfig withDefaults(SolventConfig config, java.util.Map<String, String> defaults) {
    SolventConfig result = config;
    for (var e : new java.util.TreeMap<>(defaults).entrySet()) {
      if (!config.overrides().containsKey(e.getKey())) {
        result = result.with(e.getKey(), e.getValue());
      }
    }
    return result;
  }

  static int finish(List<RunResult> results, Path output, String title, PrintStream out, PrintStream err) {
    out.println();
    out.print(Summaries.table(results).text());
    Path report = Summaries.report(output, title, results);
    out.println();
    for (RunResult r : results) {
      out.printf("%s: topics in %s (%.0f s)%n", r.spec().name(), LoopRun.topics(r.spec().output()), r.seconds());
    }
    out.println("report: " + report.toAbsolutePath());
    int code = 0;
    for (RunResult r : results) {
      if (!r.holds()) {
        err.println(r.spec().name() + ": INVARIANT VIOLATIONS");
        r.violations().forEach(v -> err.println("  " + v));
        code = VIOLATION;
      }
    }
    if (code == 0) {
      out.println("invariants hold: ledger sequences, bankruptcy deficits, liquidation triggers, conservation");
    }
    return code;
  }
}
