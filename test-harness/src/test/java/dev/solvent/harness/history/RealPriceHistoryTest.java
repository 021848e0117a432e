package dev.solvent.harness.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.avro.ticks.MarketTick;
import dev.solvent.avro.ticks.Quote;
import dev.solvent.harness.loop.LoopRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Reads every real exchange file of {@code shared/data} as it is and checks the crash extremes its README states. */
class RealPriceHistoryTest {

  @Test
  void readsEveryRealFileAndKeepsTheDocumentedExtremes() throws IOException {
    Path dir = dev.solvent.harness.SharedData.directory();
    Assumptions.assumeTrue(Files.isDirectory(dir), "../shared/data is absent: real-history reader test skipped");
    List<Path> csvs;
    try (Stream<Path> files = Files.list(dir)) {
      csvs = files.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList();
    }
    assertThat(csvs).isNotEmpty();

    for (Path csv : csvs) {
      String name = csv.getFileName().toString();
      PriceFile file = PriceFile.parse(underlying(name) + ":" + name.substring(0, name.indexOf('_')) + ":" + csv);
      List<LoopRecord> records = PriceHistory.read(file);
      System.out.printf("%-60s %-6s %6d data rows -> %6d quotes, %s .. %s%n", name, file.format(), dataRows(csv),
          records.size(), Instant.ofEpochMilli(records.get(0).time()),
          Instant.ofEpochMilli(records.get(records.size() - 1).time()));

      assertThat(records).as(name).isNotEmpty().isSortedAccordingTo(Comparator.comparingLong(LoopRecord::time))
          .allSatisfy(r -> assertThat(quote(r).getPrice().scale()).isEqualTo(8));
      if (file.format() == PriceFileFormat.KLINE) {
        assertThat(records).as(name).hasSize(4 * dataRows(csv));
      } else {
        assertThat(records.size()).as(name).isLessThan(dataRows(csv));
      }
    }

    assertLowest(dir.resolve("binance-coinm_BTCUSD_PERP_priceklines_1m_2025-10-10.csv"), "102497.49",
        "2025-10-10T21:20:00Z", 60_000);
    assertLowest(dir.resolve("gemini_BTCUSD_trades_2025-10-10.csv"), "107000", "2025-10-10T21:26:24Z", 1_000);
    assertLowest(dir.resolve("gemini_ETHUSD_trades_2025-10-10.csv"), "3681", "2025-10-10T21:14:37Z", 1_000);
    assertLowest(dir.resolve("binanceus_BTCUSDC_1m_2023-03-10_to_2023-03-12.csv"), "19573.08",
        "2023-03-10T10:48:00Z", 60_000);
    assertHighest(dir.resolve("binanceus_BTCUSDC_1m_2023-03-10_to_2023-03-12.csv"), "23034.89",
        "2023-03-11T07:50:00Z", 60_000);

    List<LoopRecord> kraken = read(dir.resolve("kraken_BTCUSDC_1m_2023-03-10_to_2023-03-12.csv"));
    // The first row's timestamp is 1678406400, the bar opening 2023-03-10 00:00 UTC (its close is 00:01).
    assertThat(Instant.ofEpochMilli(kraken.get(0).time())).isEqualTo("2023-03-10T00:00:00Z");
    assertThat(Instant.ofEpochMilli(kraken.get(kraken.size() - 1).time())).isBefore("2023-03-13T00:00:00Z");
  }

  private static void assertLowest(Path file, String price, String minuteOrSecond, long within) {
    assertExtreme(file, price, minuteOrSecond, within, Comparator.naturalOrder());
  }

  private static void assertHighest(Path file, String price, String minuteOrSecond, long within) {
    assertExtreme(file, price, minuteOrSecond, within, Comparator.reverseOrder());
  }

  private static void assertExtreme(Path file, String price, String from, long within,
      Comparator<BigDecimal> order) {
    LoopRecord extreme = read(file).stream().min(Comparator.comparing(r -> quote(r).getPrice(), order)).orElseThrow();
    BigDecimal documented = new BigDecimal(price); // the README rounds to cents: 102497.48513403 is "102497.49"
    assertThat(quote(extreme).getPrice().setScale(Math.max(documented.scale(), 0), RoundingMode.HALF_EVEN))
        .as(file.getFileName().toString()).isEqualByComparingTo(documented);
    long start = Instant.parse(from).toEpochMilli();
    assertThat(extreme.time()).as(file.getFileName() + " time of " + price).isBetween(start, start + within - 1);
  }

  private static List<LoopRecord> read(Path file) {
    String name = file.getFileName().toString();
    return PriceHistory.read(PriceFile.of(file, underlying(name), name.substring(0, name.indexOf('_'))));
  }

  private static String underlying(String fileName) {
    return fileName.contains("ETH") ? "ETH" : "BTC";
  }

  private static int dataRows(Path csv) throws IOException {
    List<CsvRow> rows = CsvRow.readAll(csv);
    return rows.size() - (rows.get(0).isHeader() ? 1 : 0);
  }

  private static Quote quote(LoopRecord record) {
    return (Quote) ((MarketTick) record.record()).getPayload();
  }

}
