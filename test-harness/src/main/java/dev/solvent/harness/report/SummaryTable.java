package dev.solvent.harness.report;

import java.util.List;

/**
 * The summary of one or more runs: one row per figure, one column per run (and a difference column when two runs
 * are compared). Printed as text on the console and as a table in the HTML report.
 */
public record SummaryTable(List<String> columns, List<Row> rows) {

  public record Row(String label, List<String> values) {
    public Row {
      values = List.copyOf(values);
    }
  }

  public SummaryTable {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
    for (Row row : rows) {
      if (row.values().size() != columns.size()) {
        throw new IllegalArgumentException(row.label() + " has " + row.values().size() + " values for "
            + columns.size() + " columns");
      }
    }
  }

  /** Aligned text: labels left, values right. */
  public String text() {
    int labelWidth = 0;
    for (Row row : rows) {
      labelWidth = Math.max(labelWidth, row.label().length());
    }
    int[] widths = new int[columns.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = columns.get(c).length();
      for (Row row : rows) {
        widths[c] = Math.max(widths[c], row.values().get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, "", columns, labelWidth, widths);
    out.append("-".repeat(labelWidth + total(widths) + 2 * widths.length)).append('\n');
    for (Row row : rows) {
      line(out, row.label(), row.values(), labelWidth, widths);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String label, List<String> values, int labelWidth, int[] widths) {
    out.append(String.format("%-" + labelWidth + "s", label));
    for (int c = 0; c < widths.length; c++) {
      out.append("  ").append(String.format("%" + widths[c] + "s", values.get(c)));
    }
    out.append('\n');
  }

  private static int total(int[] widths) {
    int sum = 0;
    for (int w : widths) {
      sum += w;
    }
    return sum;
  }
}
