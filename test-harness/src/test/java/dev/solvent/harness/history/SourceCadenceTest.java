package dev.solvent.harness.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.harness.loop.LoopRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceCadenceTest {

  @TempDir
  Path dir;

  @Test
  void aOneMinuteKlineQuotesEveryFifteenSecondsAndIsNamedWhenTheStalenessLimitIsShorter() throws IOException {
    Path csv = dir.resolve("btc-1m.csv");
    StringBuilder rows = new StringBuilder("open_time,open,high,low,close,volume\n");
    for (int i = 0; i < 30; i++) {
      rows.append(1_760_054_400_000L + i * 60_000L).append(",100,101,99,100.5,0\n");
    }
    Files.writeString(csv, rows);
    PriceFile file = PriceFile.parse("BTC:binance:" + csv);
    List<LoopRecord> quotes = PriceHistory.read(file);

    SourceCadence cadence = SourceCadence.of(file, quotes);

    assertThat(cadence.quotes()).isEqualTo(120);
    assertThat(cadence.medianGapMillis()).isEqualTo(15_000);
    assertThat(cadence.stalenessWarning(10_000, "oracle.staleness-ms")).hasValueSatisfying(w -> assertThat(w)
        .startsWith("warning: BTC:binance (btc-1m.csv) quotes every 15 s, longer than oracle.staleness-ms=10000")
        .contains("raise oracle.staleness-ms to at least 15000"));
    assertThat(cadence.stalenessWarning(15_000, "oracle.staleness-ms")).isEmpty();
    // One source where two are required: every price of the underlying is stale, said first.
    assertThat(SourceCadence.warnings(List.of(cadence), 20_000, "oracle.staleness-ms", 2, "oracle.min-sources"))
        .containsExactly("warning: BTC has 1 price source but oracle.min-sources=2: every BTC oracle price will be "
            + "stale and liquidate nobody (add a source or set oracle.min-sources=1)");
  }

  @Test
  void theRealCrashDaysKlinesAreSlowerThanTheDefaultStalenessAndItsTradesAreNot() throws IOException {
    Path data = dev.solvent.harness.SharedData.directory();
    Assumptions.assumeTrue(Files.isDirectory(data), "../shared/data is absent: real cadence test skipped");
    PriceFile coinm = PriceFile.parse("BTC:binance-coinm:"
        + data.resolve("binance-coinm_BTCUSD_PERP_priceklines_1m_2025-10-10.csv"));
    PriceFile usdm = PriceFile.parse("BTC:binance-usdm:"
        + data.resolve("binance-futures_BTCUSDT_priceklines_5m_2025-10-10.csv"));
    PriceFile gemini = PriceFile.parse("BTC:gemini:" + data.resolve("gemini_BTCUSD_trades_2025-10-10.csv"));

    assertThat(SourceCadence.of(coinm, PriceHistory.read(coinm)).medianGapMillis()).isEqualTo(15_000);
    assertThat(SourceCadence.of(usdm, PriceHistory.read(usdm)).medianGapMillis()).isEqualTo(75_000);
    SourceCadence trades = SourceCadence.of(gemini, PriceHistory.read(gemini));
    System.out.printf("gemini BTC trades: %,d quotes, median gap %,d ms%n", trades.quotes(), trades.medianGapMillis());
    assertThat(trades.medianGapMillis()).isLessThan(10_000);
  }
}
