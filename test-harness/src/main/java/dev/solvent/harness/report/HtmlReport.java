package dev.solvent.harness.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Renders a run report as one self-contained HTML5 page: inline CSS, one inline SVG per chart, no JavaScript and no
 * external resources, so the file opens offline, can be mailed or attached to a CI run, and stays safe to open.
 *
 * <p>Charts are plain SVG drawn here: time (UTC) on the x axis, round "nice" ticks on the y axis, a polyline per
 * series for {@link Chart.Style#LINES} and cumulative filled areas for {@link Chart.Style#STACKED}.
 */
public final class HtmlReport {

  /** Tableau 10: a qualitative palette whose colours stay apart on screen and in print. Cycled past ten series. */
  static final List<String> PALETTE = List.of("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
      "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac");

  // SVG geometry; package-private so tests can compute where a value must be drawn.
  static final int WIDTH = 900;
  static final int HEIGHT = 260;
  static final int LEFT = 64;
  static final int RIGHT = 36; // room for half of a "MM-dd HH:mm" label at the last tick
  static final int TOP = 14;
  static final int BOTTOM = 30;
  static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
  static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;

  /** More points than pixels only make the file bigger; two per pixel column (min and max) keep the shape. */
  static final int MAX_POINTS = 2000;

  private static final long SECOND = 1000;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  /** Round time steps for x ticks, ascending: the first that gives at most {@link #MAX_TIME_TICKS} ticks wins. */
  private static final long[] TIME_STEPS = {SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
      MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 20 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR,
      4 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY};
  private static final int MAX_TIME_TICKS = 7;
  private static final int MAX_Y_INTERVALS = 5;
  private static final double[] NICE_MANTISSAS = {1, 2, 2.5, 5};

  private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAYS = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private static final String CSS = """
      body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
             color: #222; background: #fff; max-width: 960px; margin: 24px auto; padding: 0 16px; line-height: 1.45; }
      h1 { font-size: 1.6em; margin: 0 0 .5em; }
      .notes p { margin: .25em 0; color: #444; }
      table.summary { border-collapse: collapse; margin: 1.2em 0; font-variant-numeric: tabular-nums; }
      table.summary th, table.summary td { padding: 4px 12px; border-bottom: 1px solid #e3e3e3; }
      table.summary thead th { text-align: right; border-bottom: 2px solid #999; }
      table.summary tbody th { text-align: left; font-weight: normal; }
      table.summary td { text-align: right; white-space: nowrap; }
      figure { margin: 1.8em 0; }
      figcaption { font-weight: 600; margin-bottom: .3em; }
      figcaption .unit { font-weight: normal; color: #666; }
      svg.chart { display: block; width: 100%; max-width: 900px; height: auto; }
      svg.chart text { font-size: 11px; fill: #555; }
      svg.chart .grid { stroke: #e8e8e8; stroke-width: 1; }
      svg.chart .axis { stroke: #999; stroke-width: 1; }
      svg.chart text.nodata { font-size: 16px; fill: #999; }
      ul.legend { list-style: none; padding: 0; margin: .4em 0 0; display: flex; flex-wrap: wrap; gap: 4px 18px;
                  font-size: .9em; }
      ul.legend li { display: flex; align-items: center; gap: 6px; }
      .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; }
      """;

  private HtmlReport() {
  }

  /**
   * The report as HTML text. {@code notes} and {@code summary} may be null (left out).
   *
   * @throws IllegalArgumentException if the series of a stacked chart do not share the same times
   */
  public static String render(String title, List<String> notes, SummaryTable summary, List<Chart> charts) {
    Objects.requireNonNull(title, "title");
    List<Chart> all = charts == null ? List.of() : charts;
    all.forEach(HtmlReport::validate); // fail before writing half a report
    StringBuilder out = new StringBuilder(64 * 1024);
    head(out, title);
    out.append("<h1>").append(escape(title)).append("</h1>\n");
    notes(out, notes);
    summary(out, summary);
    for (Chart chart : all) {
      figure(out, chart);
    }
    out.append("</body>\n</html>\n");
    return out.toString();
  }

  /** Renders the report to {@code file} in UTF-8, creating its parent directories. */
  public static void write(Path file, String title, List<String> notes, SummaryTable summary, List<Chart> charts) {
    String html = render(title, notes, summary, charts);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the report " + file, e);
    }
  }

  // Page -----------------------------------------------------------------------------------------------------------

  private static void head(StringBuilder out, String title) {
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(escape(title)).append("</title>\n")
        .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
  }

  private static void notes(StringBuilder out, List<String> notes) {
    if (notes == null || notes.isEmpty()) {
      return;
    }
    out.append("<section class=\"notes\">\n");
    for (String note : notes) {
      out.append("<p>").append(escape(note)).append("</p>\n");
    }
    out.append("</section>\n");
  }

  private static void summary(StringBuilder out, SummaryTable summary) {
    if (summary == null) {
      return;
    }
    out.append("<table class=\"summary\">\n<thead><tr><th></th>");
    for (String column : summary.columns()) {
      out.append("<th scope=\"col\">").append(escape(column)).append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (SummaryTable.Row row : summary.rows()) {
      out.append("<tr><th scope=\"row\">").append(escape(row.label())).append("</th>");
      for (String value : row.values()) {
        out.append("<td>").append(escape(value)).append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n");
  }

  private static void figure(StringBuilder out, Chart chart) {
    String unit = chart.unit() == null || chart.unit().isBlank() ? "" : " (" + chart.unit() + ")";
    out.append("<figure>\n<figcaption>").append(escape(chart.title()));
    if (!unit.isEmpty()) {
      out.append(" <span class=\"unit\">").append(escape(unit.trim())).append("</span>");
    }
    out.append("</figcaption>\n");
    svg(out, chart, chart.title() + unit);
    legend(out, chart.series());
    out.append("</figure>\n");
  }

  private static void legend(StringBuilder out, List<Series> series) {
    if (series.isEmpty()) {
      return;
    }
    out.append("<ul class=\"legend\">\n");
    for (int s = 0; s < series.size(); s++) {
      out.append("<li><span class=\"swatch\" style=\"background:").append(colour(s)).append("\"></span>")
          .append(escape(series.get(s).name())).append("</li>\n");
    }
    out.append("</ul>\n");
  }

  // Chart ----------------------------------------------------------------------------------------------------------

  private static void validate(Chart chart) {
    if (chart.style() != Chart.Style.STACKED || chart.series().isEmpty()) {
      return;
    }
    Series first = chart.series().get(0);
    for (Series s : chart.series()) {
      if (!Arrays.equals(first.times(), s.times())) {
        throw new IllegalArgumentException("Stacked chart '" + chart.title() + "': series '" + s.name()
            + "' has other times than series '" + first.name() + "'");
      }
    }
  }

  private static void svg(StringBuilder out, Chart chart, String label) {
    // No xmlns: inline SVG in HTML5 does not need it, and the page then holds no URL at all.
    out.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
        .append("\" role=\"img\">\n<title>").append(escape(label)).append("</title>\n");
    if (chart.style() == Chart.Style.STACKED) {
      stacked(out, chart.series());
    } else {
      lines(out, chart.series());
    }
    out.append("</svg>\n");
  }

  private static void noData(StringBuilder out) {
    out.append("<text class=\"nodata\" x=\"").append(WIDTH / 2).append("\" y=\"").append(HEIGHT / 2)
        .append("\" text-anchor=\"middle\">no data</text>\n");
  }

  private static void lines(StringBuilder out, List<Series> series) {
    Frame frame = lineFrame(series);
    if (frame == null) {
      noData(out);
      return;
    }
    axes(out, frame);
    for (int s = 0; s < series.size(); s++) {
      line(out, series.get(s), frame, colour(s));
    }
  }

  /** One polyline per run of finite values: a NaN breaks the line rather than drawing a made-up segment. */
  private static void line(StringBuilder out, Series series, Frame frame, String colour) {
    long[] times = series.times();
    double[] values = series.values();
    boolean thin = finiteCount(values) > MAX_POINTS;
    int i = 0;
    while (i < values.length) {
      while (i < values.length && !Double.isFinite(values[i])) {
        i++;
      }
      int from = i;
      while (i < values.length && Double.isFinite(values[i])) {
        i++;
      }
      if (i == from) {
        continue;
      }
      int[] kept = thin ? minMaxPerPixel(times, new double[][] {values}, from, i, frame, PLOT_WIDTH) : range(from, i);
      if (kept.length == 1) { // a lone sample would be an invisible one-point line
        out.append("<circle cx=\"").append(num(frame.x(times[from]))).append("\" cy=\"")
            .append(num(frame.y(values[from]))).append("\" r=\"2\" fill=\"").append(colour).append("\"/>\n");
        continue;
      }
      out.append("<polyline fill=\"none\" stroke=\"").append(colour)
          .append("\" stroke-width=\"1.5\" stroke-linejoin=\"round\" points=\"");
      for (int k = 0; k < kept.length; k++) {
        out.append(k == 0 ? "" : " ").append(num(frame.x(times[kept[k]]))).append(',')
            .append(num(frame.y(values[kept[k]])));
      }
      out.append("\"/>\n");
    }
  }

  private static void stacked(StringBuilder out, List<Series> series) {
    if (series.isEmpty() || series.get(0).times().length == 0) {
      noData(out);
      return;
    }
    long[] times = series.get(0).times();
    double[][] tops = cumulative(series);
    double min = 0;
    double max = 0; // areas grow from zero, so zero is always on the axis
    for (double[] top : tops) {
      for (double v : top) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    Frame frame = new Frame(times[0], times[times.length - 1], yTicks(min, max));
    axes(out, frame);
    // Share the kept samples between layers so that each band's lower edge is exactly the band below's upper edge.
    int[] kept = times.length <= MAX_POINTS ? range(0, times.length)
        : minMaxPerPixel(times, tops, 0, times.length, frame, Math.max(100, Math.min(PLOT_WIDTH,
            MAX_POINTS / (2 * tops.length))));
    for (int s = 0; s < tops.length; s++) {
      area(out, times, kept, s == 0 ? null : tops[s - 1], tops[s], frame, colour(s));
    }
  }

  /** Running sums bottom-up; NaN counts as zero since a hole in one band would tear all the bands above it. */
  private static double[][] cumulative(List<Series> series) {
    int n = series.get(0).times().length;
    double[][] tops = new double[series.size()][n];
    for (int s = 0; s < series.size(); s++) {
      double[] values = series.get(s).values();
      for (int i = 0; i < n; i++) {
        double below = s == 0 ? 0 : tops[s - 1][i];
        tops[s][i] = below + (Double.isFinite(values[i]) ? values[i] : 0);
      }
    }
    return tops;
  }

  /** A closed band: along the upper edge forwards, back along the lower edge (or the zero line). */
  private static void area(StringBuilder out, long[] times, int[] kept, double[] bottom, double[] top, Frame frame,
      String colour) {
    out.append("<path fill=\"").append(colour).append("\" d=\"M");
    for (int k = 0; k < kept.length; k++) {
      out.append(k == 1 ? " L" : "").append(' ').append(num(frame.x(times[kept[k]]))).append(',')
          .append(num(frame.y(top[kept[k]])));
    }
    out.append(kept.length == 1 ? " L" : "");
    for (int k = kept.length - 1; k >= 0; k--) {
      out.append(' ').append(num(frame.x(times[kept[k]]))).append(',')
          .append(num(frame.y(bottom == null ? 0 : bottom[kept[k]])));
    }
    out.append(" Z\"/>\n");
  }

  // Frame and axes -------------------------------------------------------------------------------------------------

  /** Maps data to SVG coordinates: times to the plot's width, the y tick range to its height. */
  private record Frame(long t0, long t1, double[] yTicks) {

    Frame {
      if (t1 <= t0) { // a single instant: centre it in a minute
        t0 -= 30 * SECOND;
        t1 += 30 * SECOND;
      }
    }

    double x(long t) {
      return LEFT + PLOT_WIDTH * (double) (t - t0) / (t1 - t0);
    }

    double y(double v) {
      double low = yTicks[0];
      double high = yTicks[yTicks.length - 1];
      return TOP + PLOT_HEIGHT * (high - v) / (high - low);
    }

    double yStep() {
      return yTicks[1] - yTicks[0];
    }
  }

  /** The frame over all finite samples, or null when there are none. */
  private static Frame lineFrame(List<Series> series) {
    long t0 = Long.MAX_VALUE;
    long t1 = Long.MIN_VALUE;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (int i = 0; i < s.values().length; i++) {
        double v = s.values()[i];
        if (Double.isFinite(v)) {
          t0 = Math.min(t0, s.times()[i]);
          t1 = Math.max(t1, s.times()[i]);
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    return min > max ? null : new Frame(t0, t1, yTicks(min, max));
  }

  private static void axes(StringBuilder out, Frame frame) {
    double bottom = TOP + PLOT_HEIGHT;
    for (double v : frame.yTicks()) {
      String y = num(frame.y(v));
      out.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + PLOT_WIDTH)
          .append("\" y1=\"").append(y).append("\" y2=\"").append(y).append("\"/>\n")
          .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(num(frame.y(v) + 4))
          .append("\" text-anchor=\"end\">").append(compact(v, frame.yStep())).append("</text>\n");
    }
    long[] ticks = timeTicks(frame.t0(), frame.t1());
    DateTimeFormatter format = timeFormat(frame.t1() - frame.t0(), ticks.length > 1 ? ticks[1] - ticks[0] : DAY);
    for (long t : ticks) {
      String x = num(frame.x(t));
      out.append("<line class=\"axis\" x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"")
          .append(num(bottom)).append("\" y2=\"").append(num(bottom + 4)).append("\"/>\n")
          .append("<text x=\"").append(x).append("\" y=\"").append(num(bottom + 17))
          .append("\" text-anchor=\"middle\">").append(format.format(Instant.ofEpochMilli(t))).append("</text>\n");
    }
    out.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + PLOT_WIDTH)
        .append("\" y1=\"").append(num(bottom)).append("\" y2=\"").append(num(bottom)).append("\"/>\n")
        .append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT).append("\" y1=\"")
        .append(TOP).append("\" y2=\"").append(num(bottom)).append("\"/>\n")
        .append("<text x=\"4\" y=\"").append(num(bottom + 17)).append("\">UTC</text>\n");
  }

  /**
   * Between four and six round y ticks (steps of 1, 2, 2.5 or 5 × 10^k) covering [min, max]: the smallest such step
   * that needs at most five intervals.
   */
  static double[] yTicks(double min, double max) {
    if (!(max > min)) { // a flat line still needs a scale: zero to one, or ±10% around the value
      double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
      max = min + pad;
      min = min == 0 ? 0 : min - pad;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10((max - min) / MAX_Y_INTERVALS)));
    for (int k = -1; k <= 2; k++) {
      for (double mantissa : NICE_MANTISSAS) {
        double step = mantissa * magnitude * Math.pow(10, k);
        long low = (long) Math.floor(min / step);
        long high = (long) Math.ceil(max / step);
        if (high - low <= MAX_Y_INTERVALS) {
          double[] ticks = new double[(int) (high - low) + 1];
          for (int i = 0; i < ticks.length; i++) {
            ticks[i] = (low + i) * step; // multiply, not add, so rounding errors do not pile up
          }
          return ticks;
        }
      }
    }
    throw new IllegalStateException("no tick step for " + min + ".." + max); // unreachable: 20 × magnitude fits
  }

  /** Up to seven x ticks at round UTC times (whole minutes, hours, midnights) inside [t0, t1]. */
  static long[] timeTicks(long t0, long t1) {
    long step = 0;
    for (long candidate : TIME_STEPS) {
      if (tickCount(t0, t1, candidate) <= MAX_TIME_TICKS) {
        step = candidate;
        break;
      }
    }
    if (step == 0) { // spans of months: whole weeks
      step = 7 * DAY * Math.max(1, (t1 - t0) / (7 * DAY * (MAX_TIME_TICKS - 1)) + 1);
    }
    long first = t0 + Math.floorMod(-t0, step);
    long[] ticks = new long[(int) tickCount(t0, t1, step)];
    for (int i = 0; i < ticks.length; i++) {
      ticks[i] = first + i * step;
    }
    return ticks;
  }

  private static long tickCount(long t0, long t1, long step) {
    long first = t0 + Math.floorMod(-t0, step);
    return first > t1 ? 0 : (t1 - first) / step + 1;
  }

  private static DateTimeFormatter timeFormat(long span, long step) {
    if (span > DAY) {
      return DAYS;
    }
    return step < MINUTE ? SECONDS : HOURS; // sub-minute ticks would otherwise repeat the same HH:mm
  }

  /** A short tick label: 12.5k, 3.2M, 0.25; as many decimals as the tick step needs, no more. */
  static String compact(double v, double step) {
    String[] suffixes = {"", "k", "M", "G", "T"};
    int g = 0;
    double scale = 1;
    while (g < suffixes.length - 1 && Math.abs(v) >= scale * 1000) {
      scale *= 1000;
      g++;
    }
    int decimals = Math.max(0, BigDecimal.valueOf(step / scale).round(new MathContext(3)).stripTrailingZeros()
        .scale());
    BigDecimal shown = BigDecimal.valueOf(v / scale).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
    return shown.signum() == 0 ? "0" : shown.toPlainString() + suffixes[g];
  }

  // Downsampling ---------------------------------------------------------------------------------------------------

  /**
   * The samples in [from, to) worth drawing: per column of {@code columns} across the plot, the lowest and highest
   * sample of each row of {@code rows}, in time order, plus the first and last. A one-sample spike is the maximum of
   * its column, so it survives; what is dropped would have been drawn on the same pixel anyway.
   */
  private static int[] minMaxPerPixel(long[] times, double[][] rows, int from, int to, Frame frame, int columns) {
    int[] kept = new int[2 * rows.length * (columns + 1) + 2];
    int n = 0;
    kept[n++] = from;
    int i = from;
    while (i < to) {
      int column = column(times[i], frame, columns);
      int[] bucket = new int[2 * rows.length];
      for (int r = 0; r < rows.length; r++) {
        bucket[2 * r] = i;
        bucket[2 * r + 1] = i;
      }
      int j = i;
      for (; j < to && column(times[j], frame, columns) == column; j++) {
        for (int r = 0; r < rows.length; r++) {
          double[] values = rows[r];
          bucket[2 * r] = values[j] < values[bucket[2 * r]] ? j : bucket[2 * r];
          bucket[2 * r + 1] = values[j] > values[bucket[2 * r + 1]] ? j : bucket[2 * r + 1];
        }
      }
      Arrays.sort(bucket);
      for (int index : bucket) {
        if (index != kept[n - 1]) { // sorted and all past the last kept sample: skipping repeats suffices
          if (n == kept.length) {
            kept = Arrays.copyOf(kept, 2 * n); // only if times are out of order and columns repeat
          }
          kept[n++] = index;
        }
      }
      i = j;
    }
    if (kept[n - 1] != to - 1) {
      kept = n == kept.length ? Arrays.copyOf(kept, n + 1) : kept;
      kept[n++] = to - 1;
    }
    return Arrays.copyOf(kept, n);
  }

  private static int column(long t, Frame frame, int columns) {
    int c = (int) ((frame.x(t) - LEFT) * columns / PLOT_WIDTH);
    return Math.max(0, Math.min(columns - 1, c));
  }

  // Small helpers --------------------------------------------------------------------------------------------------

  private static int[] range(int from, int to) {
    int[] indices = new int[to - from];
    Arrays.setAll(indices, k -> from + k);
    return indices;
  }

  private static int finiteCount(double[] values) {
    int n = 0;
    for (double v : values) {
      n += Double.isFinite(v) ? 1 : 0;
    }
    return n;
  }

  private static String colour(int series) {
    return PALETTE.get(series % PALETTE.size());
  }

  /** A coordinate with one decimal: finer than a pixel is noise, and it keeps the file small. */
  private static String num(double v) {
    long tenths = Math.round(v * 10);
    long abs = Math.abs(tenths);
    String whole = (tenths < 0 ? "-" : "") + abs / 10;
    return abs % 10 == 0 ? whole : whole + "." + abs % 10;
  }

  /** Text for HTML element content and attribute values alike. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
