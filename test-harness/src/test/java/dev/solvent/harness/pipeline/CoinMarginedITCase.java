package dev.solvent.harness.pipeline;

import static dev.solvent.harness.scenario.Scenario.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.solvent.avro.account.MarginMode;
import dev.solvent.avro.adl.AdlOrder;
import dev.solvent.avro.insurance.LedgerEntry;
import dev.solvent.avro.liquidation.LiquidationOrder;
import dev.solvent.avro.margin.MarginUpdate;
import dev.solvent.harness.run.PipelineRun;
import dev.solvent.harness.scenario.Scenario;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.schema.Topics;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coin-margined inverse perpetual through the whole job graph on a MiniCluster (parallelism 2), every number in BTC
 * worked out by hand. BTCUSD-PERP: 100 USD a contract, maintenance 0.5 % of the coin notional, lot 1, penalty 0.2 %;
 * dynamic margin off. A contract is short 100 USD, worth v(q, p) = −100 q / p BTC; P&L = 100 q (1/entry − 1/p).
 *
 * <pre>
 * t=0     fund:btc seeded 0.05 BTC. erin 0.135 BTC, gina 0.05 BTC, frank 1 BTC, all margined in BTC.
 * t=1s    erin and gina buy 1,000 @ 50,000 each; frank sells 2,000 @ 50,000.
 * prices  50,000 until 10s, 47,000 from 10s (three sources).
 *
 * t=11s (mark 47,000): a long of 1,000 lost 100,000 × (1/50,000 − 1/47,000) = −0.12765957… BTC; MM = 0.005 ×
 *         100,000 / 47,000 = 0.01063830 BTC.
 *   gina  equity 0.05 − 0.12765957 = −0.07765957: bankrupt, FULL. 1/BP = 1/47,000 + equity / 100,000, BP =
 *         48,780.48780488 (= 50,000 / 1.025: where the loss is her 0.05 BTC). No penalty.
 *   erin  equity 0.00734043, ratio 0.69: PARTIAL to 1.25. Selling q at the mark leaves equity less the penalty
 *         0.002 × 100 q / 47,000 against MM 0.005 × 100 (1,000 − q) / 47,000: q = 659 gives 1.25044 (658: 1.24795).
 *         BP = 1 / (1/47,000 + 0.00734043 / 100,000) = 46,838.40749415; penalty ⌈0.002 × 65,900 / 47,000⌉ =
 *         0.00280426 BTC.
 * t=12s venue fills at 47,000: erin −659 beats BP by 65,900 × (1/46,838.40749415 − 1/47,000) = 0.00483734 BTC,
 *         more than the 0.00280426 penalty; gina −1,000 misses hers by 100,000 × (1/47,000 − 1/48,780.48780488):
 *         a deficit of 0.07765958 BTC (rounded up).
 *   erin after: 341 contracts, equity 0.00453616 BTC, MM ⌈0.005 × 34,100 / 47,000⌉ = 0.00362766, ratio 1.25044:
 *         under the 1.5 warning level, a margin call.
 *
 * hana (README "Cross-currency"): a USD account with 12,000 USD and 1 BTC (BTC collateral, 10 % haircut) buys 1,000
 *   @ 50,000 too: +2 BTC to her BTC, −2 BTC of cost. Her BTC net of the position's value counts at the index, after
 *   the haircut when positive: at 50,000 (3 × 50,000 − 100,000) × 0.9 = 45,000, equity 57,000; at 47,000
 *   (141,000 − 100,000) × 0.9 = 36,900, equity 48,900; MM 0.5 % × 100,000 USD = 500 at any price.
 *
 * insurance.ledger (fund btc, currency BTC): 1 SEED 0.05 | 2 PENALTY_INCOME 0.00280426 → 0.05280426 (erin) |
 *   3 DEFICIT_PAYOUT −0.05280426 → 0 (gina) | 4 SHORTFALL, 0.02485532 BTC.
 * adl.orders: 0.02485532 BTC at 100 × (1/47,000 − 1/48,780.48780488) BTC a contract is 320.05 contracts of gina's
 *   long → 320 lots from frank's short (in profit, reported by his 11s update: his ratio went from 50 to 59):
 *   BUY 320 @ 48,780.48780488.
 * </pre>
 */
class CoinMarginedITCase {

  private static final String PERP = "BTCUSD-PERP";

  @TempDir
  static Path dir;
  static PipelineRun run;

  @BeforeAll
  static void runScenario() throws Exception {
    Scenario s = new Scenario()
        .inversePerpetual(0, PERP, "BTC", "100", "0.005", 100, "1", "0.002", "btc")
        .collateral(0, "BTC", "0.1", "0.8", "0.05", "0.1")
        .deposit(0, "fund:btc", "BTC", "0.05")
        .open(0, "hana", MarginMode.CROSS, "btc").deposit(0, "hana", "USD", "12000");
    for (String[] a : new String[][] {{"erin", "0.135"}, {"frank", "1"}, {"gina", "0.05"}}) {
      s.open(0, a[0], MarginMode.CROSS, "btc", "BTC").deposit(0, a[0], "BTC", a[1]);
    }
    s.trade(1_000, "erin", PERP, "1000", "50000")
        .trade(1_000, "gina", PERP, "1000", "50000")
        .trade(1_000, "frank", PERP, "-2000", "50000")
        .deposit(1_000, "hana", "BTC", "1") // once BTC is priced: a collateral deposit needs its price
        .trade(1_000, "hana", PERP, "1000", "50000")
        .liquidationFill(12_000, "erin", PERP, "erin/1/1/" + PERP, "-659", "47000")
        .liquidationFill(12_000, "gina", PERP, "gina/1/1/" + PERP, "-1000", "47000");
    for (long t = 0; t <= 29_000; t += 1_000) {
      s.quotes(t, "BTC", t < 10_000 ? "50000" : "47000", "a", "b", "c");
    }
    run = PipelineRun.run(s.write(dir.resolve("in")), dir.resolve("out"),
        SolventConfig.defaults().with("risk.dynamic-margin", "false").with("job.parallelism", "2"));
  }

  @Test
  void liquidationOrdersAreThoseWorkedOutByHandInTheCoin() {
    List<LiquidationOrder> orders = run.records(Topics.LIQUIDATION_ORDERS);
    LiquidationOrder gina = order(orders, "gina/1/1/" + PERP);
    assertThat(gina.getKind().name()).isEqualTo("FULL");
    assertThat(gina.getQuantity()).isEqualByComparingTo("1000");
    assertThat(gina.getBankruptcyPrice()).isEqualByComparingTo("48780.48780488");
    assertThat(gina.getPenalty()).isZero();
    assertThat(gina.getCurrency()).isEqualTo("BTC");
    assertThat(gina.getEventTime()).isEqualTo(Scenario.at(11_000));

    LiquidationOrder erin = order(orders, "erin/1/1/" + PERP);
    assertThat(erin.getKind().name()).isEqualTo("PARTIAL");
    assertThat(erin.getSide().name()).isEqualTo("SELL");
    assertThat(erin.getQuantity()).isEqualByComparingTo("659");
    assertThat(erin.getBankruptcyPrice()).isEqualByComparingTo("46838.40749415");
    assertThat(erin.getLimitPrice()).isEqualByComparingTo("46838.40749415");
    assertThat(erin.getMarkPrice()).isEqualByComparingTo("47000");
    assertThat(erin.getPenalty()).isEqualTo(d("0.00280426"));
    assertThat(erin.getCurrency()).isEqualTo("BTC");
    assertThat(erin.getMarginRatio()).isCloseTo(0.69, within(1e-9));
    assertThat(orders).hasSize(2);
  }

  @Test
  void theFundBooksInBtcWithItsOwnSequence() {
    List<LedgerEntry> ledger = run.records(Topics.INSURANCE_LEDGER);
    assertThat(ledger).extracting(e -> e.getFundId() + " " + e.getCurrency() + " " + e.getSequence() + " "
        + e.getKind() + " " + e.getAmount().toPlainString() + " " + e.getBalanceAfter().toPlainString())
        .containsExactly(
            "btc BTC 1 SEED 0.05000000 0.05000000",
            "btc BTC 2 PENALTY_INCOME 0.00280426 0.05280426",
            "btc BTC 3 DEFICIT_PAYOUT -0.05280426 0.00000000",
            "btc BTC 4 SHORTFALL 0.00000000 0.00000000");
    assertThat(ledger.get(1).getAccountId()).isEqualTo("erin");
    assertThat(ledger.get(2).getAccountId()).isEqualTo("gina");
    assertThat(ledger.get(3).getShortfall()).isEqualTo(d("0.02485532"));
  }

  @Test
  void adlCoversTheCoinShortfallFromTheOpposingWinner() {
    List<AdlOrder> adl = run.records(Topics.ADL_ORDERS);
    assertThat(adl).singleElement().satisfies(o -> {
      assertThat(o.getAccountId()).isEqualTo("frank");
      assertThat(o.getSide().name()).isEqualTo("BUY");
      assertThat(o.getQuantity()).isEqualByComparingTo("320");
      assertThat(o.getPrice()).isEqualByComparingTo("48780.48780488");
      assertThat(o.getShortfallCovered()).isEqualTo(d("0.02485532"));
      assertThat(o.getBankruptAccountId()).isEqualTo("gina");
    });
  }

  @Test
  void marginUpdatesAreInBtc() {
    List<MarginUpdate> updates = run.records(Topics.MARGIN_UPDATES);
    assertThat(updates).filteredOn(u -> !u.getAccountId().equals("hana"))
        .allSatisfy(u -> assertThat(u.getCurrency()).isEqualTo("BTC"));
    MarginUpdate hanaAt1 = update(updates, "hana", 1_000);
    assertThat(hanaAt1.getCurrency()).isEqualTo("USD");
    assertThat(hanaAt1.getEquity()).isEqualTo(d("57000"));
    assertThat(hanaAt1.getMaintenanceMargin()).isCloseTo(d("500"), within(d("0.00000001")));
    MarginUpdate hanaAt11 = update(updates, "hana", 11_000);
    assertThat(hanaAt11.getEquity()).isEqualTo(d("48900"));
    assertThat(hanaAt11.getMarginRatio()).isCloseTo(97.8, within(1e-9));
    MarginUpdate erinAt11 = update(updates, "erin", 11_000);
    assertThat(erinAt11.getEquity()).isEqualTo(d("0.00734042"));
    assertThat(erinAt11.getMaintenanceMargin()).isEqualTo(d("0.01063830"));
    MarginUpdate erinAfterFill = update(updates, "erin", 12_000);
    assertThat(erinAfterFill.getEquity()).isEqualTo(d("0.00453616"));
    assertThat(erinAfterFill.getMaintenanceMargin()).isEqualTo(d("0.00362766"));
    assertThat(erinAfterFill.getMarginRatio()).isCloseTo(1.2504386, within(1e-6));
    assertThat(erinAfterFill.getStatus().name()).isEqualTo("MARGIN_CALL");
    MarginUpdate frankAt11 = update(updates, "frank", 11_000);
    // 1 BTC + 200,000 × (1/47,000 − 1/50,000) = 1.25531914 BTC; its ratio moved from 50 to 59, so the update reports
    // the short in profit to the ADL ranking.
    assertThat(frankAt11.getEquity()).isEqualTo(d("1.25531914"));
    assertThat(run.records(Topics.MARGIN_CALLS)).extracting(c -> ((dev.solvent.avro.calls.MarginCall) c)
        .getCurrency()).containsOnly("BTC");
    assertThat(run.records(Topics.DEAD_LETTERS)).isEmpty();
  }

  private static MarginUpdate update(List<MarginUpdate> updates, String account, long at) {
    return updates.stream().filter(u -> u.getAccountId().equals(account) && u.getEventTime().equals(Scenario.at(at)))
        .findFirst().orElseThrow(() -> new AssertionError("no update of " + account + " at " + at));
  }

  private static LiquidationOrder order(List<LiquidationOrder> orders, String id) {
    return orders.stream().filter(o -> o.getOrderId().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no order " + id + " in " + orders));
  }
}
