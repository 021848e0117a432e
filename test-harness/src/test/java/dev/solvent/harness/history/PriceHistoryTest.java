package dev.solvent.harness.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.avro.ticks.MarketTick;
import dev.solvent.avro.ticks.Quote;
import dev.solvent.harness.loop.LoopRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceHistoryTest {

  private static final String BINANCE_HEADER = "open_time,open,high,low,close,volume,close_time,quote_volume,count,"
      + "taker_buy_volume,taker_buy_quote_volume,ignore";
  private static final String TARDIS_HEADER = "exchange,symbol,timestamp,local_timestamp,id,side,price,amount";
  private static final long T0 = Instant.parse("2025-10-10T00:00:00Z").toEpochMilli();

  @TempDir
  Path dir;

  @Test
  void walksMillisecondKlinesWithHeaderThroughOpenExtremesAndClose() throws IOException {
    PriceFile file = PriceFile.parse("BTC:binance:" + write("binance.csv", BINANCE_HEADER,
        T0 + ",100,110,95,105.5,0," + (T0 + 59_999) + ",0,60,0,0,0", // up bar: open, low, high, close
        (T0 + 60_000) + ",105.5,108,90,92,0," + (T0 + 119_999) + ",0,60,0,0,0")); // down bar: open, high, low, close

    List<LoopRecord> records = PriceHistory.read(file);

    assertThat(file.format()).isEqualTo(PriceFileFormat.KLINE);
    assertThat(records).extracting(LoopRecord::time).containsExactly(T0, T0 + 15_000, T0 + 30_000, T0 + 45_000,
        T0 + 60_000, T0 + 75_000, T0 + 90_000, T0 + 105_000);
    assertThat(prices(records)).containsExactly("100.00000000", "95.00000000", "110.00000000", "105.50000000",
        "105.50000000", "108.00000000", "90.00000000", "92.00000000");
    assertThat(records).extracting(r -> quote(r).getSequence()).containsExactly(1L, 1L, 1L, 1L, 2L, 2L, 2L, 2L);
    assertThat(records).allSatisfy(r -> {
      assertThat(r.topic()).isEqualTo("market.ticks");
      assertThat(quote(r).getUnderlying()).isEqualTo("BTC");
      assertThat(quote(r).getSource()).isEqualTo("binance");
      assertThat(((MarketTick) r.record()).getEventTime().toEpochMilli()).isEqualTo(r.time());
      assertThat(quote(r).getPrice().scale()).isEqualTo(8);
      assertThat(quote(r).getBidDepth1Pct()).isNull();
    });
  }

  @Test
  void readsTextOpenTimesOfBinanceUs() throws IOException {
    PriceFile file = PriceFile.parse("BTC:binanceus:" + write("binanceus.csv", "open_time,open,high,low,close,volume",
        "2023-03-10 00:00:00+00:00,20362.81,20362.81,20362.81,20362.81,0.0",
        "2023-03-10 00:01:00+00:00,20348.29,20350.123456789,20346.99,20346.99,0.03937"));

    List<LoopRecord> records = PriceHistory.read(file);

    long start = Instant.parse("2023-03-10T00:00:00Z").toEpochMilli();
    assertThat(records).extracting(LoopRecord::time).containsExactly(start, start + 15_000, start + 30_000,
        start + 45_000, start + 60_000, start + 75_000, start + 90_000, start + 105_000);
    assertThat(prices(records).subList(4, 8)).containsExactly("20348.29000000", "20350.12345679", "20346.99000000",
        "20346.99000000");
  }

  @Test
  void readsSparseKrakenSecondsWithoutHeaderAtTheMedianInterval() throws IOException {
    PriceFile file = PriceFile.parse("BTC:kraken:" + write("kraken.csv",
        "1678406400,20365.99,20368.46,20363.23,20368.46,1.50562238,6",
        "1678406460,20358.05,20358.05,20358.05,20358.05,0.09824124,1",
        "1678406580,20357.46,20357.46,20357.46,20357.46,0.00011723,1")); // minute 00:02 had no trade

    List<LoopRecord> records = PriceHistory.read(file);

    assertThat(file.format()).isEqualTo(PriceFileFormat.KLINE);
    long start = 1_678_406_400_000L;
    assertThat(records).extracting(LoopRecord::time).containsExactly(start, start + 15_000, start + 30_000,
        start + 45_000, start + 60_000, start + 75_000, start + 90_000, start + 105_000, start + 180_000,
        start + 195_000, start + 210_000, start + 225_000);
    assertThat(prices(records).subList(0, 4)).containsExactly("20365.99000000", "20363.23000000", "20368.46000000",
        "20368.46000000");
  }

  @Test
  void readsMicrosecondOpenTimes() throws IOException {
    long micros = T0 * 1000;
    PriceFile file = PriceFile.parse("BTC:binance:" + write("micros.csv", BINANCE_HEADER,
        micros + ",100,100,100,100,0,0,0,0,0,0,0", (micros + 300_000_000) + ",101,101,101,101,0,0,0,0,0,0,0"));

    assertThat(PriceHistory.read(file)).extracting(LoopRecord::time).containsExactly(T0, T0 + 75_000, T0 + 150_000,
        T0 + 225_000, T0 + 300_000, T0 + 375_000, T0 + 450_000, T0 + 525_000);
  }

  @Test
  void thinsTradesToTheLastOfEachWindowButKeepsLargeMoves() throws IOException {
    long us = T0 * 1000;
    PriceFile file = PriceFile.parse("BTC:gemini:" + write("gemini.csv", TARDIS_HEADER,
        trade(us + 10_000, "100.00"),
        trade(us + 100_000, "100.10"), // last of window [0, 250) ms: kept
        trade(us + 300_000, "100.20"), // +0.1 %, not last of its window: dropped
        trade(us + 400_000, "99.00"), // -1.1 % from the kept 100.10: kept although not last
        trade(us + 450_000, "99.10"), // last of window [250, 500): kept
        trade(us + 600_000, "99.20"),
        trade(us + 600_900, "99.30"))); // last of window [500, 750): kept, time floored to the millisecond

    List<LoopRecord> records = PriceHistory.read(file);

    assertThat(file.format()).isEqualTo(PriceFileFormat.TRADES);
    assertThat(records).extracting(LoopRecord::time).containsExactly(T0 + 100, T0 + 400, T0 + 450, T0 + 600);
    assertThat(prices(records)).containsExactly("100.10000000", "99.00000000", "99.10000000", "99.30000000");
    assertThat(records).extracting(r -> quote(r).getSequence()).containsExactly(2L, 4L, 5L, 7L);
    assertThat(PriceHistory.read(file, Duration.ZERO)).hasSize(7);
    assertThat(PriceHistory.read(file, Duration.ofSeconds(1))).extracting(LoopRecord::time)
        .containsExactly(T0 + 400, T0 + 600); // 99.00 is a move; 99.30 is the last of the only second
  }

  @Test
  void keepsTradesAtEqualTimesInRowOrder() throws IOException {
    long us = T0 * 1000;
    PriceFile file = PriceFile.parse("ETH:gemini:" + write("sweep.csv", TARDIS_HEADER,
        trade(us, "4000"), trade(us, "3990"), trade(us, "3970"), trade(us, "3900")));

    assertThat(prices(PriceHistory.read(file, Duration.ZERO))).containsExactly("4000.00000000", "3990.00000000",
        "3970.00000000", "3900.00000000");
    assertThat(prices(PriceHistory.read(file))).containsExactly("3970.00000000", "3900.00000000"); // moves > 0.5 %
  }

  @Test
  void skipsBlankLinesAndNamesTheLineOfABadRow() throws IOException {
    Path bad = write("bad.csv", BINANCE_HEADER, T0 + ",100,110,95,105,0,0,0,0,0,0,0", "",
        (T0 + 60_000) + ",105,abc,90,92,0,0,0,0,0,0,0");

    assertThatThrownBy(() -> PriceHistory.read(PriceFile.parse("BTC:binance:" + bad)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.csv:4:").hasMessageContaining("'abc' is not a price");
  }

  @Test
  void rejectsShortRowsBadTimesAndBarsWhoseRangeMissesTheClose() throws IOException {
    Path shortRow = write("short.csv", BINANCE_HEADER, T0 + ",100,110");
    Path badTime = write("time.csv", "1678406400,1,1,1,1,0,1", "1678406460x,1,1,1,1,0,1");
    Path badRange = write("range.csv", "1678406400,100,101,99,102,0,1");

    assertThatThrownBy(() -> PriceHistory.read(PriceFile.parse("BTC:x:" + shortRow)))
        .hasMessageContaining("short.csv:2:").hasMessageContaining("expected at least 4 columns, found 3");
    assertThatThrownBy(() -> PriceHistory.read(PriceFile.parse("BTC:x:" + badTime)))
        .hasMessageContaining("time.csv:2:").hasMessageContaining("'1678406460x' is not a time");
    assertThatThrownBy(() -> PriceHistory.read(PriceFile.parse("BTC:x:" + badRange)))
        .hasMessageContaining("range.csv:1:").hasMessageContaining("do not bound open and close");
  }

  @Test
  void rejectsRowsOutOfTimeOrder() throws IOException {
    Path klines = write("klines.csv", BINANCE_HEADER, (T0 + 60_000) + ",1,1,1,1,0,0,0,0,0,0,0",
        T0 + ",1,1,1,1,0,0,0,0,0,0,0");
    long us = T0 * 1000;
    Path trades = write("trades.csv", TARDIS_HEADER, trade(us + 5_000, "100"), trade(us + 6_000, "100"),
        trade(us + 4_000, "100"));

    assertThatThrownBy(() -> PriceHistory.read(PriceFile.parse("BTC:binance:" + klines)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("klines.csv:3:")
        .hasMessageContaining("time order");
    assertThatThrownBy(() -> PriceHistory.read(PriceFile.parse("BTC:gemini:" + trades)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trades.csv:4:")
        .hasMessageContaining("time order");
  }

  @Test
  void parsesSpecsAndExplainsBadOnes() throws IOException {
    Path kraken = write("k.csv", "1678406400,1,1,1,1,0,1");
    Path empty = write("empty.csv", "", "  ");
    Path trades = write("t.csv", TARDIS_HEADER);

    assertThat(PriceFile.parse("BTC:kraken:" + kraken))
        .isEqualTo(new PriceFile(kraken, "BTC", "kraken", PriceFileFormat.KLINE));
    assertThat(PriceFile.parse("ETH:gemini:" + trades).format()).isEqualTo(PriceFileFormat.TRADES);
    assertThat(PriceHistory.read(PriceFile.parse("ETH:gemini:" + trades))).isEmpty();
    assertThatThrownBy(() -> PriceFile.parse("BTC:kraken")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'BTC:kraken'").hasMessageContaining("UNDERLYING:SOURCE:PATH");
    assertThatThrownBy(() -> PriceFile.parse(":kraken:" + kraken)).hasMessageContaining("UNDERLYING:SOURCE:PATH");
    assertThatThrownBy(() -> PriceFile.parse("BTC:kraken:" + dir.resolve("missing.csv")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.csv")
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> PriceFile.parse("BTC:kraken:" + empty)).hasMessageContaining("is empty");
    assertThatThrownBy(() -> PriceHistory.read(new PriceFile(kraken, "BTC", "kraken", PriceFileFormat.TRADES)))
        .hasMessageContaining("needs a header row");
  }

  @Test
  void returnsRecordsSortedByTime() throws IOException {
    PriceFile file = PriceFile.parse("BTC:kraken:" + write("sorted.csv", "1678406400,1,2,0.5,1.5,0,1",
        "1678406430,1.5,1.5,1.5,1.5,0,1", "1678406460,1,1,1,1,0,1")); // median 30 s

    assertThat(PriceHistory.read(file)).hasSize(12).isSortedAccordingTo(Comparator.comparingLong(LoopRecord::time));
  }

  private Path write(String name, String... lines) throws IOException {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }

  private static String trade(long micros, String price) {
    return "gemini,BTCUSD," + micros + "," + (micros + 50_000) + ",1," + "buy," + price + ",0.01";
  }

  private static Quote quote(LoopRecord record) {
    return (Quote) ((MarketTick) record.record()).getPayload();
  }

  private static List<String> prices(List<LoopRecord> records) {
    return records.stream().map(r -> quote(r).getPrice()).map(BigDecimal::toPlainString).toList();
  }
}
