package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.harness.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10 October 2025, the largest liquidation day crypto has seen, replayed from the real files as they are: BTC from
 * Binance's COIN-M 1-minute and USD-M 5-minute price klines and Gemini's trades, ETH from Gemini's trades (one
 * source, so the oracle takes one), with 10,000 generated accounts opened at 20:35 UTC, before the fall of 21:00 to 21:30; the oracle publishes on
 * a 0.4 % move or every 5 minutes, as in the demo.
 */
class October10ReplayITCase {

  @TempDir
  Path dir;

  @Test
  void theCrashReplaysWithItsBooksHolding() throws Exception {
    Path data = SharedData.directory();
    Assumptions.assumeTrue(Files.isDirectory(data), "../shared/data is absent: the 10 October 2025 replay is skipped");
    Path out = dir.resolve("october-10");
    CliRun run = CliRun.of("replay",
        "--prices", "BTC:binance-coinm:" + data.resolve("binance-coinm_BTCUSD_PERP_priceklines_1m_2025-10-10.csv"),
        "--prices", "BTC:binance-usdm:" + data.resolve("binance-futures_BTCUSDT_priceklines_5m_2025-10-10.csv"),
        "--prices", "BTC:gemini:" + data.resolve("gemini_BTCUSD_trades_2025-10-10.csv"),
        "--prices", "ETH:gemini:" + data.resolve("gemini_ETHUSD_trades_2025-10-10.csv"),
        "--from", "2025-10-10T20:30:00Z", "--to", "2025-10-10T22:30:00Z",
        "--generate", "10000", "--fund", "10000", "oracle.min-sources=1", "oracle.deviation-threshold=0.004",
        "oracle.heartbeat-ms=300000", "--out", out.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("invariants hold");
    assertThat(run.count("accounts", 0)).isEqualTo(10_000);
    assertThat(run.count("liquidations, partial", 0) + run.count("liquidations, full", 0)).isPositive();
    assertThat(run.count("invariant violations", 0)).isZero();
    assertThat(run.count("dead letters", 0)).as("the files are clean and every instrument is priced").isZero();
    assertThat(out.resolve("report.html")).isNotEmptyFile();
  }
}
