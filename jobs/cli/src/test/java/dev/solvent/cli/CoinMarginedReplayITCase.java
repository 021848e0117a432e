package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.solvent.harness.SharedData;
import dev.solvent.harness.explain.AccountRebuild;
import dev.solvent.harness.history.TopicFiles;
import dev.solvent.harness.loop.LoopRecord;
import dev.solvent.harness.run.LoopRun;
import dev.solvent.job.account.AccountRecords;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.risk.book.AccountOutput;
import dev.solvent.schema.Topic;
import dev.solvent.schema.Topics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10 October 2025 with the Binance COIN-M BTCUSD_PERP price kline as BTC's only source, so it is the price of the
 * inverse perpetual the BTC-margined accounts hold (ETH from Gemini's trades), 20:30 to 22:30 UTC, 2,000 generated
 * accounts of which 30 % margined in BTC. The kline quotes every 15 s, so the staleness limit is 20 s (as the replay's
 * warning asks) and one source is enough.
 */
class CoinMarginedReplayITCase {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void inverseContractsAreLiquidatedInBtcAtTheCoinMarginedPrice() throws Exception {
    Path data = SharedData.directory();
    Assumptions.assumeTrue(Files.isDirectory(data), "../shared/data is absent: the COIN-M replay is skipped");
    Path out = dir.resolve("coin-m");
    CliRun run = CliRun.of("replay",
        "--prices", "BTC:binance-coinm:" + data.resolve("binance-coinm_BTCUSD_PERP_priceklines_1m_2025-10-10.csv"),
        "--prices", "ETH:gemini:" + data.resolve("gemini_ETHUSD_trades_2025-10-10.csv"),
        "--from", "2025-10-10T20:30:00Z", "--to", "2025-10-10T22:30:00Z", "--generate", "2000", "--coin-share", "0.3",
        "--fund", "10000", "oracle.min-sources=1", "oracle.staleness-ms=20000", "oracle.deviation-threshold=0.004",
        "oracle.heartbeat-ms=300000", "--out", out.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("invariants hold", "insurance fund main BTC end, BTC");
    assertThat(run.count("dead letters", 0)).isZero();

    List<JsonNode> inverse = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("topics").resolve("liquidation.orders.jsonl"))) {
      JsonNode order = MAPPER.readTree(line);
      if (order.get("instrumentId").asText().equals("BTCUSD-PERP")) {
        inverse.add(order);
      }
    }
    assertThat(inverse).as("inverse perpetual liquidations in the crash").hasSizeGreaterThan(50);
    long atTheRate = 0;
    for (JsonNode order : inverse) {
      assertThat(order.get("currency").asText()).isEqualTo("BTC");
      // The penalty is 1 % of the coin notional, quantity × 100 USD / mark, rounded up to the satoshi; capped (lower)
      // where the account's equity would not pay it.
      BigDecimal quantity = new BigDecimal(order.get("quantity").asText());
      BigDecimal mark = new BigDecimal(order.get("markPrice").asText());
      BigDecimal atRate = new BigDecimal("0.01").multiply(quantity).multiply(new BigDecimal("100"))
          .divide(mark, 8, RoundingMode.CEILING);
      BigDecimal penalty = new BigDecimal(order.get("penalty").asText());
      assertThat(penalty).as(order.toString()).isLessThanOrEqualTo(atRate);
      atTheRate += penalty.compareTo(atRate) == 0 ? 1 : 0;
    }
    assertThat(atTheRate).as("orders charged the full rate").isPositive();

    // Every order of a BTC-margined account (inverse perpetuals and coin-settled puts) rebuilt from the topics
    // exactly, as explain --account rebuilds it.
    Path topics = out.resolve("topics");
    List<LoopRecord> records = new ArrayList<>();
    for (Topic<?> topic : Topics.ALL) {
      Path file = topics.resolve(topic.name() + ".jsonl");
      if (!topic.equals(Topics.MARKET_TICKS) && Files.exists(file)) {
        records.addAll(TopicFiles.read(file, topic.name()));
      }
    }
    SolventConfig config = SolventConfig.load(out.resolve(LoopRun.JOB_PROPERTIES), List.of());
    Map<String, AccountRebuild> rebuilds = new TreeMap<>();
    long rebuilt = 0;
    for (JsonNode order : coinOrders(topics)) {
      AccountRebuild rebuild = rebuilds.computeIfAbsent(order.get("accountId").asText(),
          a -> AccountRebuild.of(a, records, config));
      List<JsonNode> decided = new ArrayList<>();
      for (AccountOutput output : rebuild.at(Instant.parse(order.get("eventTime").asText()).toEpochMilli())
          .outputsAtTime()) {
        if (output instanceof AccountOutput.LiquidationOrdered o) {
          decided.add(MAPPER.readTree(new LoopRecord(Topics.LIQUIDATION_ORDERS.name(), 0, AccountRecords.order(o))
              .json()));
        }
      }
      assertThat(decided).as("orders of %s", order.get("accountId")).contains(order);
      rebuilt++;
    }
    assertThat(rebuilt).isGreaterThan(inverse.size());

    // The support desk's view of the first inverse liquidation, through the command.
    JsonNode first = inverse.get(0);
    CliRun explained = CliRun.of("explain", "--account", first.get("accountId").asText(), "--at",
        first.get("eventTime").asText(), "--topics", out.resolve("topics").toString());
    assertThat(explained.exit()).as(explained.err()).isZero();
    JsonNode explanation = MAPPER.readTree(explained.out()).get("explanation");
    assertThat(explanation.get("currency").asText()).isEqualTo("BTC");
    assertThat(explanation.get("marginRatio").asDouble()).isEqualTo(first.get("marginRatio").asDouble());
    assertThat(explanation.get("positions").get(0).get("contract").asText()).isEqualTo("INVERSE");
  }

  /** The liquidation orders in BTC: of inverse perpetuals and of coin-settled puts. */
  private static List<JsonNode> coinOrders(Path topics) throws Exception {
    List<JsonNode> orders = new ArrayList<>();
    for (String line : Files.readAllLines(topics.resolve("liquidation.orders.jsonl"))) {
      JsonNode order = MAPPER.readTree(line);
      if ("BTC".equals(order.path("currency").asText())) {
        orders.add(order);
      }
    }
    return orders;
  }
}
