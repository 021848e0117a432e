package dev.solvent.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a browser shows it: headless Chromium takes a screenshot of a two-chart report, which must hold
 * more than a blank page (many colours, and the palette's first colour from the charts and legend). Skipped where
 * no Chromium is installed.
 */
class HtmlReportRenderITCase {

  private static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome");
  private static final long TIMEOUT_SECONDS = 120;
  /** Per channel: colour management or antialiasing may shift a solid fill by a few levels. */
  private static final int TOLERANCE = 6;

  @TempDir
  Path dir;

  @Test
  void chromiumRendersTheCharts() throws Exception {
    Optional<Path> browser = findBrowser();
    Assumptions.assumeTrue(browser.isPresent(),
        "Chromium is not installed (Debian: apt-get install chromium); the report's render test is skipped");

    Path report = dir.resolve("report.html");
    HtmlReport.write(report, "Render check", List.of("Two charts, drawn by headless Chromium."),
        new SummaryTable(List.of("run"), List.of(new SummaryTable.Row("accounts", List.of("1,000")))), charts());
    Path png = dir.resolve("report.png");
    Path log = dir.resolve("chromium.log");

    int exit = screenshot(browser.get(), report, png, log);

    assertThat(png).as("screenshot (exit code %d, log:%n%s)", exit, Files.readString(log)).exists();
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).as("decodable PNG").isNotNull();
    Path kept = keep(report, png);
    System.out.println("Report screenshot: " + kept + " (" + image.getWidth() + "x" + image.getHeight() + ")");
    assertThat(distinctColours(image)).as("distinct colours of a non-blank page").isGreaterThan(20);
    assertThat(contains(image, Integer.parseInt(HtmlReport.PALETTE.get(0).substring(1), 16)))
        .as("the palette's first colour %s is drawn", HtmlReport.PALETTE.get(0)).isTrue();
  }

  /** A price line chart with a spike and a stacked chart, two hours of minutes. */
  private static List<Chart> charts() {
    int n = 120;
    long start = 1_700_006_400_000L;
    long[] times = new long[n];
    double[] index = new double[n];
    double[] source = new double[n];
    double[] low = new double[n];
    double[] mid = new double[n];
    double[] high = new double[n];
    for (int i = 0; i < n; i++) {
      times[i] = start + i * 60_000L;
      index[i] = 30_000 + 800 * Math.sin(i / 12.0);
      source[i] = index[i] + (i == 70 ? 2_500 : 60 * Math.cos(i / 3.0));
      low[i] = 50 + 40 * Math.sin(i / 20.0);
      mid[i] = 300 - i;
      high[i] = 650 + i;
    }
    return List.of(
        new Chart("BTC: oracle index vs sources", "USD", Chart.Style.LINES,
            List.of(new Series("index", times, index), new Series("venue a", times, source))),
        new Chart("Accounts by margin ratio", "accounts", Chart.Style.STACKED,
            List.of(new Series("ratio < 1", times, low), new Series("ratio 1-2", times, mid),
                new Series("ratio > 2", times, high))));
  }

  private static Optional<Path> findBrowser() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String name : BROWSERS) {
      for (String directory : path.split(File.pathSeparator)) {
        Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  private int screenshot(Path browser, Path report, Path png, Path log) throws Exception {
    // A profile of its own so that the test neither reads nor changes the user's browser profile.
    Process process = new ProcessBuilder(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--hide-scrollbars", "--window-size=1200,1600", "--user-data-dir=" + dir.resolve("profile"),
        "--screenshot=" + png, report.toUri().toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("Chromium took over " + TIMEOUT_SECONDS + " s; log:\n" + Files.readString(log));
    }
    return process.exitValue();
  }

  /** Copies the page and its screenshot out of the temporary directory, which is deleted after the test. */
  private static Path keep(Path report, Path png) throws Exception {
    Path target = Path.of("target", "html-report-render").toAbsolutePath();
    Files.createDirectories(target);
    Files.copy(report, target.resolve("report.html"), StandardCopyOption.REPLACE_EXISTING);
    return Files.copy(png, target.resolve("report.png"), StandardCopyOption.REPLACE_EXISTING);
  }

  private static int distinctColours(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        colours.add(image.getRGB(x, y) & 0xffffff);
      }
    }
    return colours.size();
  }

  private static boolean contains(BufferedImage image, int rgb) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if (close(image.getRGB(x, y), rgb)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean close(int a, int b) {
    return Stream.of(16, 8, 0).allMatch(shift -> Math.abs((a >> shift & 0xff) - (b >> shift & 0xff)) <= TOLERANCE);
  }
}
