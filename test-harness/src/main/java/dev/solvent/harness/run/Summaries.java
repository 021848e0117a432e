package dev.solvent.harness.run;

import dev.solvent.harness.report.Figure;
import dev.solvent.harness.report.HtmlReport;
import dev.solvent.harness.report.SummaryTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The summary, the report and the exit code of one run, or of two runs side by side with their differences. */
public final class Summaries {

  /** Exit code of a run whose books do not hold. */
  public static final int VIOLATION = 3;

  private Summaries() {}

  /**
   * Prints the summary table and where the topics and the report went, and each run's invariant violations;
   * returns the exit code: 0, or {@link #VIOLATION}.
   */
  /** A stale share from which the summary says so in a line of its own. */
  static final double STALE_NOTICE = 0.01;

  public static int print(List<RunResult> results, Path output, String title, java.io.PrintStream out,
      java.io.PrintStream err) {
    out.println();
    out.print(table(results).text());
    Path report = report(output, title, results);
    out.println();
    for (RunResult r : results) {
      double share = r.stats().staleShare();
      if (share >= STALE_NOTICE) {
        out.printf(java.util.Locale.ROOT, "%s: %.1f %% of oracle prices were STALE (%,d): fewer than oracle.min-sources "
            + "sources had quoted within oracle.staleness-ms; a stale price values accounts but liquidates nobody%n",
            r.spec().name(), 100 * share, r.stats().staleOraclePrices());
      }
    }
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

  public static SummaryTable table(List<RunResult> runs) {
    List<String> columns = new ArrayList<>(runs.stream().map(r -> r.spec().name()).toList());
    List<Map<String, Figure>> byLabel = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (RunResult run : runs) {
      Map<String, Figure> figures = new LinkedHashMap<>();
      for (Figure f : run.figures()) {
        figures.put(f.label(), f);
        if (!labels.contains(f.label())) {
          labels.add(f.label());
        }
      }
      byLabel.add(figures);
    }
    boolean compare = runs.size() == 2;
    if (compare) {
      columns.add("B - A");
    }
    List<SummaryTable.Row> rows = new ArrayList<>();
    for (String label : labels) {
      List<String> values = new ArrayList<>();
      for (Map<String, Figure> figures : byLabel) {
        Figure f = figures.get(label);
        values.add(f == null ? "-" : f.text());
      }
      if (compare) {
        Figure a = byLabel.get(0).get(label);
        Figure b = byLabel.get(1).get(label);
        values.add(a == null || b == null ? "-" : a.differenceTo(b));
      }
      rows.add(new SummaryTable.Row(label, values));
    }
    return new SummaryTable(columns, rows);
  }

  /** Writes {@code report.html} into {@code folder}: the summary, then each run's plots. */
  public static Path report(Path folder, String title, List<RunResult> runs) {
    List<String> notes = new ArrayList<>();
    for (RunResult run : runs) {
      notes.add(run.spec().name() + ": " + run.spec().feed().description() + "; configuration "
          + (run.spec().config().overrides().isEmpty() ? "defaults" : run.spec().config().overrides()) + "; "
          + String.format("%.0f s", run.seconds()) + "; "
          + (run.holds() ? "invariants hold" : run.violations().size() + " invariant violations: "
          + run.violations().get(0)));
    }
    List<dev.solvent.harness.report.Chart> charts = new ArrayList<>();
    for (RunResult run : runs) {
      for (var chart : run.stats().charts()) {
        charts.add(runs.size() == 1 ? chart : new dev.solvent.harness.report.Chart(run.spec().name() + ": "
            + chart.title(), chart.unit(), chart.style(), chart.series()));
      }
    }
    Path file = folder.resolve("report.html");
    HtmlReport.write(file, title, notes, table(runs), charts);
    return file;
  }
}
