package dev.solvent.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

  private static final long T0 = 1_700_000_000_000L; // 2023-11-14T22:13:20Z
  private static final long MINUTE = 60_000;
  private static final Pattern POLYLINE = Pattern.compile("<polyline [^>]*points=\"([^\"]*)\"");
  private static final Pattern Y_LABEL = Pattern.compile("text-anchor=\"end\">([^<]*)</text>");

  @TempDir
  Path dir;

  @Test
  void escapesTitleAndAllOtherText() {
    String html = HtmlReport.render("<script>alert('x')</script> & \"more\"", List.of("a < b & c"),
        table(List.of("run <1>"), List.of(new SummaryTable.Row("x & y", List.of("'1'")))),
        List.of(new Chart("c<1>", "u&v", Chart.Style.LINES, List.of(series("s<\"1\">", 1, 2, 3)))));

    assertThat(html).contains("<h1>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;</h1>")
        .contains("a &lt; b &amp; c").contains("run &lt;1&gt;").contains("x &amp; y").contains("&#39;1&#39;")
        .contains("c&lt;1&gt;").contains("(u&amp;v)").contains("s&lt;&quot;1&quot;&gt;")
        .doesNotContain("<script").doesNotContain("alert('x')");
  }

  @Test
  void isSelfContainedWithoutScriptsOrUrls() {
    String html = HtmlReport.render("Run", List.of("note"), table(List.of("a"), List.of()), twoCharts());

    assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").doesNotContain("http://")
        .doesNotContain("https://").doesNotContainIgnoringCase("<script").doesNotContain("<link")
        .doesNotContain("url(").doesNotContain("@import");
  }

  @Test
  void drawsOneSvgPerChartWithTitleAndCaption() {
    String html = HtmlReport.render("Run", null, null, twoCharts());

    assertThat(count(html, "<svg")).isEqualTo(2);
    assertThat(count(html, "<figure>")).isEqualTo(2);
    assertThat(count(html, "<title>")).isEqualTo(3); // the page's and one per svg
    assertThat(html).contains("<figcaption>Prices <span class=\"unit\">(USD)</span></figcaption>")
        .contains("<title>Accounts by band (accounts)</title>");
  }

  @Test
  void drawsAPolylinePerLinesSeriesAndAPathPerStackedSeries() {
    String lines = HtmlReport.render("Run", null, null, List.of(new Chart("Prices", "USD", Chart.Style.LINES,
        List.of(series("index", 1, 2, 3), series("source a", 2, 3, 4), series("source b", 3, 4, 5)))));
    String stacked = HtmlReport.render("Run", null, null, List.of(new Chart("Bands", "accounts",
        Chart.Style.STACKED, List.of(series("low", 1, 2, 3), series("mid", 2, 3, 4)))));

    assertThat(count(lines, "<polyline")).isEqualTo(3);
    assertThat(count(lines, "<path")).isZero();
    assertThat(count(stacked, "<path")).isEqualTo(2);
    assertThat(count(stacked, "<polyline")).isZero();
    // Different colours, in palette order.
    assertThat(lines).contains("stroke=\"" + HtmlReport.PALETTE.get(0) + "\"")
        .contains("stroke=\"" + HtmlReport.PALETTE.get(2) + "\"");
    assertThat(stacked.indexOf("<path fill=\"" + HtmlReport.PALETTE.get(0)))
        .isLessThan(stacked.indexOf("<path fill=\"" + HtmlReport.PALETTE.get(1)));
  }

  @Test
  void stackedAreasAreCumulative() {
    // Two layers of constant 10: the upper band's top edge is at 20, the lower band's at 10, both from a 0..20 axis.
    String html = HtmlReport.render("Run", null, null, List.of(new Chart("Bands", "n", Chart.Style.STACKED,
        List.of(series("low", 10, 10, 10), series("high", 10, 10, 10)))));

    assertThat(yLabels(html)).containsExactly("0", "5", "10", "15", "20");
    List<String> paths = new ArrayList<>();
    Matcher m = Pattern.compile("<path [^>]*d=\"([^\"]*)\"").matcher(html);
    while (m.find()) {
      paths.add(m.group(1));
    }
    double zero = HtmlReport.TOP + HtmlReport.PLOT_HEIGHT;
    double ten = HtmlReport.TOP + HtmlReport.PLOT_HEIGHT / 2.0;
    assertThat(yRange(paths.get(0))).containsExactly(ten, zero);
    assertThat(yRange(paths.get(1))).containsExactly((double) HtmlReport.TOP, ten);
  }

  @Test
  void listsEveryLegendEntryWithASwatch() {
    String html = HtmlReport.render("Run", null, null, twoCharts());

    for (String name : List.of("index", "source a", "low", "mid", "high")) {
      assertThat(html).contains("</span>" + name + "</li>");
    }
    assertThat(count(html, "class=\"swatch\"")).isEqualTo(5);
  }

  @Test
  void summaryTableKeepsOrderWithEmptyCornerCell() {
    SummaryTable summary = table(List.of("baseline", "candidate", "difference"), List.of(
        new SummaryTable.Row("accounts", List.of("1,000", "1,000", "0")),
        new SummaryTable.Row("liquidations, full", List.of("17", "12", "-5"))));

    String html = HtmlReport.render("Run", null, summary, List.of());

    assertThat(html).contains("<thead><tr><th></th><th scope=\"col\">baseline</th><th scope=\"col\">candidate</th>"
        + "<th scope=\"col\">difference</th></tr></thead>");
    assertThat(html).containsSubsequence("<th scope=\"row\">accounts</th>", "<td>1,000</td>", "<td>1,000</td>",
        "<td>0</td>", "<th scope=\"row\">liquidations, full</th>", "<td>17</td>", "<td>12</td>", "<td>-5</td>");
    assertThat(html).contains("table.summary td { text-align: right;");
  }

  @Test
  void chartsWithoutDataSayNoData() {
    String html = HtmlReport.render("Run", null, null, List.of(
        new Chart("Nothing", "x", Chart.Style.LINES, List.of()),
        new Chart("Empty", "x", Chart.Style.LINES, List.of(new Series("e", new long[0], new double[0]))),
        new Chart("All NaN", "x", Chart.Style.LINES, List.of(series("n", Double.NaN, Double.NaN))),
        new Chart("Empty stack", "x", Chart.Style.STACKED, List.of(new Series("e", new long[0], new double[0])))));

    assertThat(count(html, "<svg")).isEqualTo(4);
    assertThat(count(html, ">no data</text>")).isEqualTo(4);
    assertThat(html).doesNotContain("<polyline").doesNotContain("<path");
  }

  @Test
  void mismatchedStackedTimesThrowNamingTheChart() {
    Chart chart = new Chart("Liquidations by mode", "n", Chart.Style.STACKED, List.of(
        new Series("cross", new long[] {T0, T0 + MINUTE}, new double[] {1, 2}),
        new Series("isolated", new long[] {T0, T0 + 2 * MINUTE}, new double[] {1, 2})));

    assertThatThrownBy(() -> HtmlReport.render("Run", null, null, List.of(chart)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Liquidations by mode")
        .hasMessageContaining("isolated");
  }

  @Test
  void downsamplingKeepsAOneSampleSpike() {
    int n = 100_000;
    long[] times = new long[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      times[i] = T0 + i * 1000L;
      values[i] = 1 + (i % 7) * 0.01; // a little noise around 1
    }
    values[54_321] = 100;

    String html = HtmlReport.render("Run", null, null,
        List.of(new Chart("Spiky", "x", Chart.Style.LINES, List.of(new Series("s", times, values)))));

    List<String> polylines = polylines(html);
    assertThat(polylines).hasSize(1);
    double[][] points = points(polylines.get(0));
    assertThat(points.length).isBetween(100, HtmlReport.MAX_POINTS);
    // Axis 0..100, so the spike is drawn at the top of the plot and everything else near the bottom.
    assertThat(yLabels(html)).containsExactly("0", "20", "40", "60", "80", "100");
    double top = Arrays.stream(points).mapToDouble(p -> p[1]).min().orElseThrow();
    assertThat(top).isCloseTo(HtmlReport.TOP, within(0.05));
    assertThat(Arrays.stream(points).filter(p -> p[1] < HtmlReport.TOP + HtmlReport.PLOT_HEIGHT / 2.0)).hasSize(1);
    // x stays in time order so the line does not zigzag back.
    for (int i = 1; i < points.length; i++) {
      assertThat(points[i][0]).isGreaterThanOrEqualTo(points[i - 1][0]);
    }
  }

  @Test
  void nanBreaksTheLine() {
    String html = HtmlReport.render("Run", null, null, List.of(new Chart("Gappy", "x", Chart.Style.LINES,
        List.of(series("s", 1, 2, Double.NaN, 3, 4, Double.NaN, 5)))));

    assertThat(count(html, "<polyline")).isEqualTo(2);
    assertThat(count(html, "<circle")).isEqualTo(1); // the lone last sample
    assertThat(html).doesNotContain("NaN");
  }

  @Test
  void yTicksAreRoundSteps() {
    assertThat(HtmlReport.yTicks(0, 97)).containsExactly(0, 20, 40, 60, 80, 100);
    for (double[] range : new double[][] {{0, 97}, {0.013, 0.049}, {-3, 7}, {1234, 98765}, {17, 17}, {0, 0},
        {-5, -5}, {99.5, 100.5}, {0, 3_210_000}}) {
      double[] ticks = HtmlReport.yTicks(range[0], range[1]);
      assertThat(ticks.length).as("ticks for %s", Arrays.toString(range)).isBetween(3, 6);
      assertThat(ticks[0]).isLessThanOrEqualTo(range[0]);
      assertThat(ticks[ticks.length - 1]).isGreaterThanOrEqualTo(range[1]);
      assertThat(ticks[ticks.length - 1]).isGreaterThan(ticks[0]);
      double step = ticks[1] - ticks[0];
      double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
      assertThat(mantissa).as("step %s for %s", step, Arrays.toString(range))
          .satisfiesAnyOf(x -> assertThat(x).isCloseTo(1, within(1e-9)), x -> assertThat(x).isCloseTo(2, within(1e-9)),
              x -> assertThat(x).isCloseTo(2.5, within(1e-9)), x -> assertThat(x).isCloseTo(5, within(1e-9)));
    }
  }

  @Test
  void constantValuesGetARange() {
    String html = HtmlReport.render("Run", null, null, List.of(new Chart("Flat", "x", Chart.Style.LINES,
        List.of(series("s", 50, 50, 50)))));

    assertThat(yLabels(html)).containsExactly("45", "47.5", "50", "52.5", "55");
    assertThat(html).doesNotContain("Infinity").doesNotContain("NaN");
  }

  @Test
  void tickLabelsAreCompact() {
    assertThat(HtmlReport.compact(12_500, 2_500)).isEqualTo("12.5k");
    assertThat(HtmlReport.compact(3_200_000, 200_000)).isEqualTo("3.2M");
    assertThat(HtmlReport.compact(0.25, 0.05)).isEqualTo("0.25");
    assertThat(HtmlReport.compact(0.30000000000000004, 0.1)).isEqualTo("0.3");
    assertThat(HtmlReport.compact(500, 500)).isEqualTo("500");
    assertThat(HtmlReport.compact(-1500, 500)).isEqualTo("-1.5k");
    assertThat(HtmlReport.compact(0, 20)).isEqualTo("0");
  }

  @Test
  void timeTicksAreRoundUtcTimes() {
    long hour = 60 * MINUTE;
    long midnight = 1_700_006_400_000L; // 2023-11-15T00:00:00Z
    long[] ticks = HtmlReport.timeTicks(midnight + 7 * MINUTE, midnight + 3 * hour + 2 * MINUTE);
    assertThat(ticks).containsExactly(midnight + 30 * MINUTE, midnight + hour, midnight + 90 * MINUTE,
        midnight + 2 * hour, midnight + 150 * MINUTE, midnight + 3 * hour);

    for (long span : new long[] {MINUTE, 17 * MINUTE, hour, 5 * hour, 24 * hour, 3 * 24 * hour, 60 * 24 * hour}) {
      long[] t = HtmlReport.timeTicks(midnight + 123_456, midnight + 123_456 + span);
      assertThat(t.length).as("ticks over %s ms", span).isBetween(3, 7);
    }

    String html = HtmlReport.render("Run", null, null, List.of(new Chart("Two days", "x", Chart.Style.LINES,
        List.of(new Series("s", new long[] {midnight, midnight + 48 * hour}, new double[] {1, 2})))));
    assertThat(html).contains(">11-15 00:00</text>").contains(">11-16 00:00</text>");
  }

  @Test
  void writesUtf8FileCreatingParentDirectories() throws Exception {
    Path file = dir.resolve("a/b/report.html");

    HtmlReport.write(file, "Résumé €", List.of("ü"), null, twoCharts());

    assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("<h1>Résumé €</h1>")
        .contains("<meta charset=\"utf-8\">");
  }

  // Fixtures -------------------------------------------------------------------------------------------------------

  private static List<Chart> twoCharts() {
    return List.of(
        new Chart("Prices", "USD", Chart.Style.LINES, List.of(series("index", 100, 101, 99, 102),
            series("source a", 100.5, 101.2, 98.7, 102.1))),
        new Chart("Accounts by band", "accounts", Chart.Style.STACKED, List.of(series("low", 5, 6, 7, 8),
            series("mid", 20, 18, 17, 15), series("high", 75, 76, 76, 77))));
  }

  /** A series one sample per minute from {@link #T0}. */
  private static Series series(String name, double... values) {
    long[] times = new long[values.length];
    for (int i = 0; i < times.length; i++) {
      times[i] = T0 + i * MINUTE;
    }
    return new Series(name, times, values);
  }

  private static SummaryTable table(List<String> columns, List<SummaryTable.Row> rows) {
    return new SummaryTable(columns, rows);
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }

  private static List<String> polylines(String html) {
    List<String> found = new ArrayList<>();
    Matcher m = POLYLINE.matcher(html);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static List<String> yLabels(String html) {
    List<String> labels = new ArrayList<>();
    Matcher m = Y_LABEL.matcher(html);
    while (m.find()) {
      labels.add(m.group(1));
    }
    return labels;
  }

  private static double[][] points(String attribute) {
    return Arrays.stream(attribute.trim().split(" ")).map(p -> p.split(","))
        .map(xy -> new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])}).toArray(double[][]::new);
  }

  /** The lowest and highest y (SVG: top first) of a path's points. */
  private static double[] yRange(String d) {
    Matcher m = Pattern.compile("(-?[0-9.]+),(-?[0-9.]+)").matcher(d);
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    while (m.find()) {
      double y = Double.parseDouble(m.group(2));
      min = Math.min(min, y);
      max = Math.max(max, y);
    }
    return new double[] {min, max};
  }
}
