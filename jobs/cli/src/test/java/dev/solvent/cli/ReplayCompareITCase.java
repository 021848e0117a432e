package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./solvent replay --compare}: a small history in the exchanges' own formats (a Binance-style kline CSV with
 * a header and a Kraken-style one without, per underlying) under partial and under full liquidation, side by side.
 */
class ReplayCompareITCase {

  @TempDir
  Path dir;

  private static final long START = Instant.parse("2024-08-05T00:00:00Z").toEpochMilli();

  /** 3 hours of 1-minute bars: flat, then a fall of {@code fall} over an hour, then flat. */
  private static List<double[]> bars(double start, double fall, double noise) {
    List<double[]> bars = new ArrayList<>();
    for (int m = 0; m < 180; m++) {
      double level = m < 60 ? 1 : m < 120 ? 1 - fall * (m - 60) / 60.0 : 1 - fall;
      double open = start * level * (1 + noise * Math.sin(m));
      double close = start * (m < 60 ? 1 : m < 119 ? 1 - fall * (m - 59) / 60.0 : 1 - fall) * (1 + noise * Math.cos(m));
      bars.add(new double[] {START + m * 60_000L, open, Math.max(open, close) * 1.001, Math.min(open, close) * 0.999,
          close});
    }
    return bars;
  }

  private Path binance(String name, List<double[]> bars) throws Exception {
    List<String> lines = new ArrayList<>(List.of("open_time,open,high,low,close,volume,close_time,quote_volume,count,"
        + "taker_buy_volume,taker_buy_quote_volume,ignore"));
    for (double[] b : bars) {
      lines.add(String.format(Locale.ROOT, "%d,%.2f,%.2f,%.2f,%.2f,0,%d,0,60,0,0,0", (long) b[0], b[1], b[2], b[3],
          b[4], (long) b[0] + 59_999));
    }
    return Files.write(dir.resolve(name), lines);
  }

  private Path kraken(String name, List<double[]> bars) throws Exception {
    List<String> lines = new ArrayList<>();
    for (double[] b : bars) {
      lines.add(String.format(Locale.ROOT, "%d,%.2f,%.2f,%.2f,%.2f,1.5,12", (long) b[0] / 1000, b[1], b[2], b[3],
          b[4]));
    }
    return Files.write(dir.resolve(name), lines);
  }

  @Test
  void partialAgainstFullLiquidationSideBySide() throws Exception {
    Path btcA = binance("btc-a.csv", bars(60_000, 0.25, 0.001));
    Path btcB = kraken("btc-b.csv", bars(60_000, 0.25, 0.0015));
    Path ethA = binance("eth-a.csv", bars(3_000, 0.30, 0.001));
    Path ethB = kraken("eth-b.csv", bars(3_000, 0.30, 0.0015));
    Path partial = Files.writeString(dir.resolve("partial.properties"), "liquidation.mode=partial\n");
    Path full = Files.writeString(dir.resolve("full.properties"), "liquidation.mode=full\n");
    Path out = dir.resolve("compare");
    CliRun run = CliRun.of("replay", "--prices", "BTC:exchange-a:" + btcA, "--prices", "BTC:exchange-b:" + btcB,
        "--prices", "ETH:exchange-a:" + ethA, "--prices", "ETH:exchange-b:" + ethB, "--generate", "300",
        "--fund", "2000", "--compare", partial.toString(), full.toString(), "--out", out.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("A partial.properties", "B full.properties", "B - A", "invariants hold");
    assertThat(run.count("accounts", 0)).isEqualTo(300);
    assertThat(run.count("accounts", 1)).isEqualTo(300);
    assertThat(run.row("accounts").get(2)).isEqualTo("0");
    // the same history: partial liquidations under A only, full ones under B
    assertThat(run.count("liquidations, partial", 0)).isPositive();
    assertThat(run.count("liquidations, partial", 1)).isZero();
    assertThat(run.count("liquidations, full", 1)).isPositive();
    long difference = run.count("liquidations, full", 1) - run.count("liquidations, full", 0);
    assertThat(run.row("liquidations, full").get(2)).isEqualTo((difference > 0 ? "+" : "") + String.format("%,d",
        difference));
    assertThat(out.resolve("A").resolve("topics").resolve("liquidation.orders.jsonl")).isNotEmptyFile();
    assertThat(out.resolve("B").resolve("topics").resolve("liquidation.orders.jsonl")).isNotEmptyFile();
    assertThat(Files.readString(out.resolve("report.html"))).contains("A partial.properties: BTC: oracle index",
        "B full.properties: BTC: oracle index");
  }

  @Test
  void aMalformedPriceFileIsAUsageErrorNamingTheLine() throws Exception {
    Path bad = Files.write(dir.resolve("bad.csv"), List.of("1722816000000,60000,60100,59900,60050,0",
        "1722816060000,60050,sixty,59900,60000,0"));
    CliRun run = CliRun.of("replay", "--prices", "BTC:x:" + bad, "--generate", "10", "--out",
        dir.resolve("bad").toString());
    assertThat(run.exit()).isEqualTo(SolventCli.USAGE);
    assertThat(run.err()).contains("bad.csv:2");
  }
}
