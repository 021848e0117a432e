package dev.solvent.cli.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.solvent.risk.margin.MarginSchedule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs {@code ./solvent explain} on every file of examples/ and checks what it prints. */
class ExplainCommandTest {

  private static final Path EXAMPLES = Path.of(System.getProperty("solvent.project.dir", "..")).resolve("examples");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String argument, String stdin) {
    return ExplainCommand.run(List.of(argument), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private JsonNode explain(String example) throws Exception {
    int code = run(EXAMPLES.resolve(example).toString(), "");
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    return MAPPER.readTree(out.toByteArray());
  }

  @Test
  void everyExampleIsExplained() throws Exception {
    try (var files = Files.list(EXAMPLES)) {
      List<Path> examples = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
      assertThat(examples).hasSizeGreaterThanOrEqualTo(5);
      for (Path example : examples) {
        out.reset();
        JsonNode result = explain(example.getFileName().toString());
        assertThat(result.get("status").asText()).as(example.toString()).isNotBlank();
        assertThat(result.get("equity").asText()).matches("-?\\d+\\.\\d{8}");
      }
    }
  }

  /** Binance's published cross-margin example: liquidation prices 26,316.89 (BTC) and 1,153.26 (ETH). */
  @Test
  void binanceExampleLiquidationPrices() throws Exception {
    JsonNode result = explain("cross-binance-example.json");
    assertThat(result.get("status").asText()).isEqualTo("HEALTHY");
    assertThat(position(result, "BTCUSDT").get("liquidationPrice").asDouble()).isCloseTo(26_316.89, within(0.005));
    assertThat(position(result, "ETHUSDT").get("liquidationPrice").asDouble()).isCloseTo(1_153.26, within(0.005));
    assertThat(position(result, "BTCUSDT").get("maintenanceMargin").asText()).isEqualTo("71200.81144401");
    assertThat(result.get("liquidationPlan").isNull()).isTrue();
  }

  /**
   * trader-7: equity 110,000 − 30 × 1,800 − 10 × 50 = 55,500 against 57,350 + 197.50 maintenance: ratio 0.964.
   * The plan sells BTC only (the higher marginal rate), and exactly as many lots as a plain scan finds necessary.
   */
  @Test
  void partialLiquidationSellsTheFewestLotsThatRestoreTheTarget() throws Exception {
    JsonNode result = explain("cross-partial-liquidation.json");
    assertThat(result.get("equity").asText()).isEqualTo("55500.00000000");
    assertThat(result.get("decision").asText()).isEqualTo("LIQUIDATE");
    JsonNode plan = result.get("liquidationPlan");
    assertThat(plan.get("kind").asText()).isEqualTo("PARTIAL");
    assertThat(plan.get("orders")).hasSize(1);
    JsonNode order = plan.get("orders").get(0);
    assertThat(order.get("instrument").asText()).isEqualTo("BTC-PERP");
    assertThat(order.get("side").asText()).isEqualTo("SELL");

    MarginSchedule btc = MarginSchedule.fromRates(new double[][] {
        {0, 125, 0.004}, {50_000, 100, 0.005}, {250_000, 50, 0.01}, {1_000_000, 20, 0.025}, {10_000_000, 10, 0.05}});
    long lots = 0;
    while (true) {
      double sold = lots * 0.001;
      double equity = 55_500 - 0.01 * sold * 98_200;
      double maintenance = btc.maintenanceMargin((30 - sold) * 98_200) + 197.5;
      if (equity / maintenance >= 1.25) {
        break;
      }
      lots++;
    }
    assertThat(order.get("quantity").asDouble()).isCloseTo(lots * 0.001, within(1e-9));
    // Bankruptcy: 98,200 − 55,500 / 30 = 96,350; a sell's limit never below it.
    assertThat(order.get("limitPrice").asText()).isEqualTo("96350.00000000");
    assertThat(plan.get("ratioAfter").asDouble()).isGreaterThanOrEqualTo(1.25);
  }

  @Test
  void isolatedAccountLiquidatesOnlyTheBreachedPosition() throws Exception {
    JsonNode result = explain("isolated.json");
    JsonNode orders = result.get("liquidationPlan").get("orders");
    assertThat(orders).isNotEmpty();
    orders.forEach(o -> assertThat(o.get("instrument").asText()).isEqualTo("BTC-PERP"));
    // BTC: 1,500 − 1,200 = 300 equity over 444 maintenance (98,800 × 0.5% − 50).
    assertThat(result.get("marginRatio").asDouble()).isCloseTo(300.0 / 444, within(1e-12));
  }

  @Test
  void portfolioMarginNamesTheWorstScenarioAndIssuesAMarginCall() throws Exception {
    JsonNode result = explain("portfolio-short-options.json");
    assertThat(result.get("decision").asText()).isEqualTo("MARGIN_CALL");
    JsonNode btc = result.get("exposures").get(0);
    assertThat(btc.get("worstScenario").asText()).startsWith("spot -15%");
    assertThat(btc.get("worstScenarioPnl").asDouble()).isNegative();
    assertThat(result.get("defaultRisk").get("probabilityOfDefault").asDouble()).isBetween(0.0, 1.0);
    assertThat(position(result, "BTC-14NOV25-130000-C").get("maintenanceMargin").isNull()).isTrue();
  }

  /** Bybit's USDT example: margined at entry, LP = 20,000 − (400 − 100) = 19,700 (Binance's basis: 19,698.49). */
  @Test
  void anEntryMarginedPositionHasBybitsLiquidationPrice() throws Exception {
    JsonNode btc = position(explain("isolated-bybit-entry.json"), "BTCUSDT");
    assertThat(btc.get("maintenanceBasis").asText()).isEqualTo("ENTRY");
    assertThat(btc.get("maintenanceMargin").asText()).isEqualTo("100.00000000");
    assertThat(btc.get("liquidationPrice").asDouble()).isCloseTo(19_700, within(1e-6));
  }

  /**
   * Binance COIN-M's example through explain, every amount in BTC: 100,000 BTCUSD contracts (100 USD) long at 45,000
   * on a 101 BTC wallet, marked at 40,000: P&L 10,000,000 × (1/45,000 − 1/40,000) = −27.7778 BTC; notional 250 BTC,
   * MM 250 × 12.5 % − 11.605 = 19.645 BTC; LP 33,599.4 as Binance's calculator prints it.
   */
  @Test
  void anInverseContractIsExplainedInItsCoin() throws Exception {
    JsonNode result = explain("inverse-coin-margined.json");
    assertThat(result.get("currency").asText()).isEqualTo("BTC");
    assertThat(result.get("equity").asText()).isEqualTo("73.22222222");
    assertThat(result.get("maintenanceMargin").asText()).isEqualTo("19.64500000");
    JsonNode perp = position(result, "BTCUSD_PERP");
    assertThat(perp.get("contract").asText()).isEqualTo("INVERSE");
    assertThat(perp.get("settlementCurrency").asText()).isEqualTo("BTC");
    assertThat(perp.get("notional").asDouble()).isCloseTo(250, within(1e-9));
    assertThat(Math.floor(perp.get("liquidationPrice").asDouble() * 10) / 10).isEqualTo(33_599.4);
  }

  /**
   * A USD account holding an inverse perpetual (README "Cross-currency"): 12,000 USD, 1 BTC of collateral (10 %
   * haircut), long 1,000 contracts of 100 USD from 50,000, marked at 45,000. Its BTC nets with the position's P&L,
   * 1 + 100,000 × (1/50,000 − 1/45,000) = 0.7778 BTC, worth 0.7778 × 45,000 × 0.9 = 31,500: equity 43,500 against
   * MM 0.5 % × 100,000 = 500 USD; in USD the position is long 100,000 / 50,000 = 2 BTC.
   */
  @Test
  void aCrossCurrencyAccountIsExplainedInUsd() throws Exception {
    JsonNode result = explain("cross-currency.json");
    assertThat(result.get("currency").asText()).isEqualTo("USD");
    assertThat(result.get("equity").asText()).isEqualTo("43500.00000000");
    assertThat(result.get("maintenanceMargin").asText()).isEqualTo("500.00000000");
    assertThat(result.get("marginRatio").asDouble()).isCloseTo(87, within(1e-9));
    JsonNode perp = position(result, "BTCUSD_PERP");
    assertThat(perp.get("settlementCurrency").asText()).isEqualTo("BTC");
    assertThat(perp.get("deltaPerUnitPrice").asDouble()).isCloseTo(2, within(1e-12));
  }

  /**
   * A Deribit-style strangle writer margined in BTC: 3 short calls struck 115,000 with the index at 104,000, so
   * OTM/S = 11,000 / 104,000 and IM per contract = max(0.15 − 0.1058, 0.10) + m = 0.10 + m, MM = 0.075 + m, with m
   * the call's premium in BTC (its mark); the inverse perpetual beside them is flat in P&L at its entry.
   */
  @Test
  void coinSettledOptionsAreMarginedInTheCoinByDeribitsRule() throws Exception {
    JsonNode result = explain("coin-settled-options.json");
    assertThat(result.get("currency").asText()).isEqualTo("BTC");
    JsonNode call = position(result, "BTC-14NOV25-115000-C");
    assertThat(call.get("settlementCurrency").asText()).isEqualTo("BTC");
    double m = call.get("markPrice").asDouble();
    assertThat(m).isBetween(0.01, 0.1);
    assertThat(Double.parseDouble(call.get("initialMargin").asText())).isCloseTo(3 * (0.10 + m), within(1e-8));
    assertThat(Double.parseDouble(call.get("maintenanceMargin").asText())).isCloseTo(3 * (0.075 + m), within(1e-8));
  }

  @Test
  void aUsdContractInACoinMarginedAccountIsAOneLineError() throws Exception {
    String input = Files.readString(EXAMPLES.resolve("inverse-coin-margined.json")).replace("INVERSE_PERPETUAL",
        "PERPETUAL");
    assertThat(run("-", input)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("account.positions[0].instrument: settles in USD but "
        + "the account is margined in BTC");
  }

  @Test
  void aRecordedExplanationNeedsATimeAndTopicsAndSaysSoInOneLine() {
    int code = ExplainCommand.recorded("acct-1", null, List.of(), null, List.of(), new PrintStream(out, true,
        StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("solvent explain: --account: needs --at TIME and "
        + "--topics DIR" + System.lineSeparator());
  }

  @Test
  void aRecordedExplanationOfAFolderWithoutTheJobsPricesIsRefused() {
    int code = ExplainCommand.recorded("acct-1", java.time.Instant.EPOCH, List.of(EXAMPLES), null, List.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--topics: no oracle.prices among");
  }

  @Test
  void greeksAreNamedWithTheirUnitsInADesksConventions() throws Exception {
    JsonNode call = position(explain("portfolio-short-options.json"), "BTC-14NOV25-130000-C");
    assertThat(call.fieldNames()).toIterable().contains("deltaPerUnitPrice", "gammaPerUnitPrice", "vegaPerVolPoint",
        "thetaPerDay", "rhoPerRatePoint").doesNotContain("vega", "theta");
    // A short call: loses as vol rises, earns as days pass, and its (Black-76) rho is −T × a negative value.
    assertThat(call.get("vegaPerVolPoint").asDouble()).isNegative();
    assertThat(call.get("thetaPerDay").asDouble()).isPositive();
    double years = (java.time.Instant.parse("2025-11-14T08:00:00Z").toEpochMilli()
        - java.time.Instant.parse("2025-10-10T21:00:00Z").toEpochMilli()) / (365.0 * 86_400_000);
    assertThat(call.get("rhoPerRatePoint").asDouble())
        .isCloseTo(-years * Double.parseDouble(call.get("value").asText()) / 100, within(1e-6));
  }

  /** Aave v3.3: HF 0.99 > 0.95, so 50% of 10,000 USDC; 5,000 × 1.05 / 2,400 = 2.1875 ETH seized. */
  @Test
  void lendingAccountIsAuctionedUnderAaveRules() throws Exception {
    JsonNode result = explain("lending.json");
    assertThat(result.get("healthFactor").asDouble()).isCloseTo(0.99, within(1e-12));
    assertThat(result.get("decision").asText()).isEqualTo("AUCTION");
    JsonNode lending = result.get("lendingLiquidation");
    assertThat(lending.get("maxDebtRepayable").asText()).isEqualTo("5000.00000000");
    assertThat(lending.get("collateralSeized").asText()).isEqualTo("2.18750000");
    assertThat(lending.get("protocolFee").asText()).isEqualTo("0.01041666");
  }

  @Test
  void explainsSeveralFilesInOneRun() throws Exception {
    int code = ExplainCommand.run(List.of(EXAMPLES.resolve("lending.json").toString(),
        EXAMPLES.resolve("isolated.json").toString()), new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isZero();
    var documents = MAPPER.readerFor(JsonNode.class).readValues(out.toByteArray()).readAll();
    assertThat(documents).extracting(d -> ((JsonNode) d).get("account").asText())
        .containsExactly("borrower-42", "trader-12");
  }

  @Test
  void readsStandardInput() throws Exception {
    String json = Files.readString(EXAMPLES.resolve("lending.json"));
    assertThat(run("-", json)).isZero();
    assertThat(MAPPER.readTree(out.toByteArray()).get("account").asText()).isEqualTo("borrower-42");
  }

  @Test
  void malformedInputGetsAOneLineErrorNamingTheFieldAndExitCode2() throws Exception {
    ObjectNode json = (ObjectNode) MAPPER.readTree(EXAMPLES.resolve("cross-partial-liquidation.json").toFile());
    ((ObjectNode) json.get("account").get("positions").get(1)).remove("quantity");
    assertError(json.toString(), "account.positions[1].quantity: is required");

    json = (ObjectNode) MAPPER.readTree(EXAMPLES.resolve("cross-partial-liquidation.json").toFile());
    ((ObjectNode) json.get("account").get("positions").get(0)).put("instrument", "DOGE-PERP");
    assertError(json.toString(), "account.positions[0].instrument: unknown instrument 'DOGE-PERP'");

    json = (ObjectNode) MAPPER.readTree(EXAMPLES.resolve("cross-partial-liquidation.json").toFile());
    ((ObjectNode) json.get("market").get("spot")).put("BTC", -5);
    assertError(json.toString(), "market.spot.BTC: must be positive");

    json = (ObjectNode) MAPPER.readTree(EXAMPLES.resolve("cross-partial-liquidation.json").toFile());
    ((ArrayNode) json.get("instruments").get(0).get("marginTiers").get(0)).set(2, MAPPER.readTree("\"x\""));
    assertError(json.toString(), "instruments[0].marginTiers[0][2]: must be a number");

    json = (ObjectNode) MAPPER.readTree(EXAMPLES.resolve("cross-partial-liquidation.json").toFile());
    ((ObjectNode) json.get("account")).put("mode", "YOLO");
    assertError(json.toString(), "account.mode: 'YOLO' is not one of");

    assertError("{\"account\": ", "is not valid JSON");
  }

  @Test
  void inputBeyondTheParsersLimitsIsOneLineAndExitTwo() {
    // Jackson's limits (string length, nesting depth, number length) report no location: one line all the same.
    assertError("{\"account\": \"" + "x".repeat(50_000_000) + "\"}", "is not valid JSON: String value length");
    assertError("[".repeat(100_000), "is not valid JSON: Document nesting depth");
    assertError("{\"account\": {\"cash\": " + "9".repeat(5_000) + "}}", "is not valid JSON: Number value length");
  }

  @Test
  void missingFileIsAUsageError() {
    assertThat(run(EXAMPLES.resolve("nope.json").toString(), "")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file");
  }

  private void assertError(String stdin, String message) {
    out.reset();
    err.reset();
    assertThat(run("-", stdin)).isEqualTo(ExplainCommand.BAD_INPUT);
    String error = err.toString(StandardCharsets.UTF_8);
    assertThat(error).contains(message);
    assertThat(error.strip().lines().count()).isEqualTo(1);
    assertThat(out.size()).isZero();
  }

  private static JsonNode position(JsonNode result, String instrument) {
    for (JsonNode p : result.get("positions")) {
      if (p.get("instrument").asText().equals(instrument)) {
        return p;
      }
    }
    throw new AssertionError("no position " + instrument);
  }
}
