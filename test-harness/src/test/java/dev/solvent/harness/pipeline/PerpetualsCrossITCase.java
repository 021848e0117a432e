package dev.solvent.harness.pipeline;

import static dev.solvent.harness.scenario.Scenario.d;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.avro.account.MarginMode;
import dev.solvent.avro.adl.AdlOrder;
import dev.solvent.avro.calls.MarginCall;
import dev.solvent.avro.insurance.LedgerEntry;
import dev.solvent.avro.liquidation.LiquidationOrder;
import dev.solvent.avro.margin.MarginUpdate;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.harness.run.PipelineRun;
import dev.solvent.harness.scenario.Scenario;
import dev.solvent.schema.Topics;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-margined perpetuals through the whole job graph on a MiniCluster (parallelism 2), every expected number
 * worked out by hand below. BTC-PERP: maintenance 0.5% flat, lot 0.001, penalty 0.2%; dynamic margin off.
 *
 * <pre>
 * t=0     fund:usd seeded 2,000. alice 10,000 USD, bob 1,000,000, carol 2,000, dave 7,400.
 * t=1s    alice buys 1 @ 100,000; carol buys 0.5 @ 100,000; dave buys 1 @ 100,000; bob sells 2.5 @ 100,000.
 * prices  100,000 until 10s, 93,000 from 10s, 89,000 from 20s (three sources; published at each window end + 0).
 *
 * t=11s (mark 93,000):
 *   carol  equity 2,000 − 0.5 × 7,000 = −1,500: bankrupt, FULL. BP = 93,000 + 1,500/0.5 = 96,000; no penalty.
 *   dave   equity 7,400 − 7,000 = 400; MM = 0.5% × 93,000 = 465; ratio 0.860: PARTIAL to 1.25.
 *          Sell q: (400 − 0.002 × q × 93,000) / (465 × (1 − q)) ≥ 1.25  ⇔  q ≥ 0.45857 → 0.459 BTC
 *          (0.458 gives 1.2491). BP = 93,000 − 400/1 = 92,600. Penalty 0.002 × 0.459 × 93,000 = 85.374.
 *   alice  equity 3,000, MM 465, ratio 6.45: healthy.
 * t=12s venue fills: carol −0.5 @ 93,000 (3,000 under BP × 0.5 = 1,500 deficit);
 *                     dave −0.459 @ 92,900 (beats BP by 0.459 × 300 = 137.7; penalty 0.002 × 0.459 × 92,900
 *                     = 85.2822 ≤ 137.7).
 *   dave after: 0.541 BTC, cash −92,600 + 42,641.1 − 85.2822 = −50,044.1822, equity at 93,000 = 268.8178,
 *          MM 251.565, ratio 1.06858: a margin call.
 * t=21s (mark 89,000): alice equity −1,000: FULL, BP = 90,000. dave equity −1,895.1822: FULL (liquidation #2).
 * t=22s venue fills alice −1 @ 89,000: deficit 1,000.
 * t=51s dave's second liquidation is still unfilled 30 s later (liquidation.timeout-ms): re-planned (REPLAN,
 *       attempt 2) at the last price. At 81s the oracle heartbeat finds every source silent and publishes a stale
 *       price, which never escalates a liquidation: the takeover waits for a fresh price.
 *
 * insurance.ledger (fund usd): 1 SEED +2,000 → 2,000 | 2 DEFICIT_PAYOUT −1,500 → 500 (carol) |
 *   3 PENALTY_INCOME +85.2822 → 585.2822 (dave) | 4 DEFICIT_PAYOUT −585.2822 → 0 (alice) |
 *   5 SHORTFALL 0 → 0, shortfall 414.7178.
 * adl.orders: the shortfall is 414.7178 / (90,000 − 89,000) = 0.4147178 BTC of alice's long → 415 lots; the only
 *   opposing profitable position is bob's short (PnL% 11%): BUY 0.415 @ 90,000, rank 1, covering 414.7178.
 * </pre>
 */
class PerpetualsCrossITCase {

  @TempDir
  static Path dir;
  static PipelineRun run;

  @BeforeAll
  static void runScenario() throws Exception {
    Scenario s = new Scenario()
        .perpetual(0, "BTC-PERP", "BTC", "0.005", 100, "0.001", "0.002", "usd")
        .deposit(0, "fund:usd", "USD", "2000");
    for (String[] a : new String[][] {{"alice", "10000"}, {"bob", "1000000"}, {"carol", "2000"}, {"dave", "7400"}}) {
      s.open(0, a[0], MarginMode.CROSS, "usd").deposit(0, a[0], "USD", a[1]);
    }
    s.trade(1_000, "alice", "BTC-PERP", "1", "100000")
        .trade(1_000, "carol", "BTC-PERP", "0.5", "100000")
        .trade(1_000, "dave", "BTC-PERP", "1", "100000")
        .trade(1_000, "bob", "BTC-PERP", "-2.5", "100000")
        .liquidationFill(12_000, "carol", "BTC-PERP", "carol/1/1/BTC-PERP", "-0.5", "93000")
        .liquidationFill(12_000, "dave", "BTC-PERP", "dave/1/1/BTC-PERP", "-0.459", "92900")
        .liquidationFill(22_000, "alice", "BTC-PERP", "alice/1/1/BTC-PERP", "-1", "89000");
    for (long t = 0; t <= 29_000; t += 1_000) {
      s.quotes(t, "BTC", t < 10_000 ? "100000" : t < 20_000 ? "93000" : "89000", "a", "b", "c");
    }
    run = PipelineRun.run(s.write(dir.resolve("in")), dir.resolve("out"),
        SolventConfig.defaults().with("risk.dynamic-margin", "false").with("job.parallelism", "2"));
  }

  @Test
  void liquidationOrdersAreThoseWorkedOutByHand() {
    List<LiquidationOrder> orders = run.records(Topics.LIQUIDATION_ORDERS);
    LiquidationOrder carol = order(orders, "carol/1/1/BTC-PERP");
    assertThat(carol.getKind().name()).isEqualTo("FULL");
    assertThat(carol.getQuantity()).isEqualByComparingTo("0.5");
    assertThat(carol.getBankruptcyPrice()).isEqualByComparingTo("96000");
    assertThat(carol.getPenalty()).isZero();
    assertThat(carol.getEventTime()).isEqualTo(Scenario.at(11_000));

    LiquidationOrder dave = order(orders, "dave/1/1/BTC-PERP");
    assertThat(dave.getKind().name()).isEqualTo("PARTIAL");
    assertThat(dave.getSide().name()).isEqualTo("SELL");
    assertThat(dave.getQuantity()).isEqualByComparingTo("0.459");
    assertThat(dave.getLimitPrice()).isEqualByComparingTo("92600");
    assertThat(dave.getBankruptcyPrice()).isEqualByComparingTo("92600");
    assertThat(dave.getPenalty()).isEqualTo(d("85.374"));

    LiquidationOrder alice = order(orders, "alice/1/1/BTC-PERP");
    assertThat(alice.getKind().name()).isEqualTo("FULL");
    assertThat(alice.getBankruptcyPrice()).isEqualByComparingTo("90000");
    assertThat(alice.getEventTime()).isEqualTo(Scenario.at(21_000));

    LiquidationOrder daveAgain = order(orders, "dave/2/1/BTC-PERP");
    assertThat(daveAgain.getKind().name()).isEqualTo("FULL");
    assertThat(daveAgain.getQuantity()).isEqualByComparingTo("0.541");
    LiquidationOrder replan = order(orders, "dave/2/2/BTC-PERP");
    assertThat(replan.getKind().name()).isEqualTo("REPLAN");
    assertThat(replan.getAttempt()).isEqualTo(2);
    assertThat(replan.getEventTime()).isEqualTo(Scenario.at(51_000));
    assertThat(orders).hasSize(5);
  }

  @Test
  void ledgerEntriesAreThoseWorkedOutByHand() {
    List<LedgerEntry> ledger = run.records(Topics.INSURANCE_LEDGER);
    assertThat(ledger).extracting(e -> e.getSequence() + " " + e.getKind() + " " + e.getAmount().toPlainString()
        + " " + e.getBalanceAfter().toPlainString()).containsExactly(
            "1 SEED 2000.00000000 2000.00000000",
            "2 DEFICIT_PAYOUT -1500.00000000 500.00000000",
            "3 PENALTY_INCOME 85.28220000 585.28220000",
            "4 DEFICIT_PAYOUT -585.28220000 0.00000000",
            "5 SHORTFALL 0.00000000 0.00000000");
    assertThat(ledger.get(1).getAccountId()).isEqualTo("carol");
    assertThat(ledger.get(2).getAccountId()).isEqualTo("dave");
    assertThat(ledger.get(4).getShortfall()).isEqualTo(d("414.7178"));
  }

  @Test
  void adlOrderCoversTheShortfallFromTheTopRankedOpposingWinner() {
    List<AdlOrder> adl = run.records(Topics.ADL_ORDERS);
    assertThat(adl).hasSize(1);
    AdlOrder order = adl.get(0);
    assertThat(order.getAccountId()).isEqualTo("bob");
    assertThat(order.getSide().name()).isEqualTo("BUY");
    assertThat(order.getQuantity()).isEqualByComparingTo("0.415");
    assertThat(order.getPrice()).isEqualByComparingTo("90000");
    assertThat(order.getRank()).isEqualTo(1);
    assertThat(order.getShortfallCovered()).isEqualTo(d("414.7178"));
    assertThat(order.getBankruptAccountId()).isEqualTo("alice");
  }

  @Test
  void marginUpdatesAndCallsFollowTheRatio() {
    List<MarginUpdate> updates = run.records(Topics.MARGIN_UPDATES);
    MarginUpdate daveAfterFill = updates.stream()
        .filter(u -> u.getAccountId().equals("dave") && u.getEventTime().equals(Scenario.at(12_000)))
        .findFirst().orElseThrow();
    assertThat(daveAfterFill.getEquity()).isEqualTo(d("268.8178"));
    assertThat(daveAfterFill.getMaintenanceMargin()).isEqualTo(d("251.565"));
    assertThat(daveAfterFill.getStatus().name()).isEqualTo("MARGIN_CALL");

    List<MarginCall> calls = run.records(Topics.MARGIN_CALLS);
    assertThat(calls).extracting(MarginCall::getAccountId).containsExactly("dave");
    assertThat(calls.get(0).getMarginRatio()).isCloseTo(268.8178 / 251.565, org.assertj.core.api.Assertions.within(1e-9));

    MarginUpdate aliceAt11 = updates.stream()
        .filter(u -> u.getAccountId().equals("alice") && u.getEventTime().equals(Scenario.at(11_000)))
        .findFirst().orElseThrow();
    assertThat(aliceAt11.getEquity()).isEqualTo(d("3000"));
    assertThat(aliceAt11.getMarginRatio()).isBetween(6.4516, 6.4517);
    assertThat(run.records(Topics.DEAD_LETTERS)).isEmpty();
  }

  private static LiquidationOrder order(List<LiquidationOrder> orders, String id) {
    return orders.stream().filter(o -> o.getOrderId().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no order " + id + " in " + orders));
  }
}
