package dev.solvent.harness.pipeline;

import static dev.solvent.harness.scenario.Scenario.d;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.avro.account.MarginMode;
import dev.solvent.avro.crosses.LiquidationCross;
import dev.solvent.avro.insurance.LedgerEntry;
import dev.solvent.avro.liquidation.LiquidationOrder;
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
 * Internal netting through the job (issue 17), worked by hand. BTC-PERP: maintenance 0.5 %, lot 0.001, penalty
 * 0.2 %; dynamic margin off; the mark is 100,000 throughout.
 *
 * <pre>
 * t=1s  lena (7,000 USD) bought 1 at 106,700: equity 300, MM 500, ratio 0.6: PARTIAL sell of q with
 *       (300 − 200 q) / (500 (1 − q)) ≥ 1.25: q = 0.765 (0.764 gives 1.2475); BP 99,700; penalty 153.
 *       sam (3,500 USD) sold 0.5 at 93,300: equity 150, MM 250, ratio 0.6: PARTIAL buy with
 *       (150 − 200 q) / (500 (0.5 − q)) ≥ 1.25: q = 0.383; BP 100,300; penalty 76.6.
 *       Both limits accept the mark: 0.383 crosses at 100,000; lena's other 0.382 goes to the market.
 * t=2s  the venue books the cross as two fills at 100,000 and fills lena's 0.382 at 100,000 too. Settlement against
 *       each order's BP: lena's cross beats 99,700 by 0.383 × 300 = 114.9 and pays 0.002 × 38,300 = 76.6; her market
 *       fill beats it by 0.382 × 300 = 114.6 and pays 76.4; sam's cross beats 100,300 by 114.9 and pays 76.6. Lena is
 *       left with 0.235 and equity 300 − 153 = 147 against MM 117.5: the planned 1.251, no second liquidation.
 * </pre>
 *
 * With netting off the orders are the same and there is no cross: netting changes what reaches the market, not the
 * engine's decisions. Netted, every output topic is the same at parallelism 1, 2 and 4.
 */
class NettingITCase {

  @TempDir
  static Path dir;
  static PipelineRun netted;
  static PipelineRun plain;
  static PipelineRun nettedAtOne;
  static PipelineRun nettedAtFour;

  @BeforeAll
  static void runBothWays() throws Exception {
    Scenario s = new Scenario()
        .perpetual(0, "BTC-PERP", "BTC", "0.005", 100, "0.001", "0.002", "usd")
        .deposit(0, "fund:usd", "USD", "1000")
        .open(0, "lena", MarginMode.CROSS, "usd").deposit(0, "lena", "USD", "7000")
        .open(0, "sam", MarginMode.CROSS, "usd").deposit(0, "sam", "USD", "3500")
        .trade(1_000, "lena", "BTC-PERP", "1", "106700")
        .trade(1_000, "sam", "BTC-PERP", "-0.5", "93300")
        .liquidationFill(2_000, "lena", "BTC-PERP", "lena/1/1/BTC-PERP", "-0.383", "100000")
        .liquidationFill(2_000, "lena", "BTC-PERP", "lena/1/1/BTC-PERP", "-0.382", "100000")
        .liquidationFill(2_000, "sam", "BTC-PERP", "sam/1/1/BTC-PERP", "0.383", "100000");
    for (long t = 0; t <= 20_000; t += 1_000) {
      s.quotes(t, "BTC", "100000", "a", "b", "c");
    }
    var in = s.write(dir.resolve("in"));
    SolventConfig config = SolventConfig.defaults().with("risk.dynamic-margin", "false").with("job.parallelism", "2");
    netted = PipelineRun.run(in, dir.resolve("netted"), config.with("liquidation.netting", "true"));
    plain = PipelineRun.run(in, dir.resolve("plain"), config);
    nettedAtOne = PipelineRun.run(in, dir.resolve("netted-p1"), config.with("liquidation.netting", "true")
        .with("job.parallelism", "1"));
    nettedAtFour = PipelineRun.run(in, dir.resolve("netted-p4"), config.with("liquidation.netting", "true")
        .with("job.parallelism", "4"));
  }

  @Test
  void nettedOutputsAreTheSameAtAnyParallelism() {
    assertThat(nettedAtOne.canonical()).isEqualTo(netted.canonical());
    assertThat(nettedAtFour.canonical()).isEqualTo(netted.canonical());
  }

  @Test
  void theOpposingOrdersCrossAtTheMark() {
    List<LiquidationOrder> orders = netted.records(Topics.LIQUIDATION_ORDERS);
    assertThat(orders).extracting(o -> o.getOrderId() + " " + o.getSide() + " " + o.getQuantity().toPlainString()
        + " " + o.getBankruptcyPrice().toPlainString() + " " + o.getPenalty().toPlainString()).containsExactlyInAnyOrder(
            "lena/1/1/BTC-PERP SELL 0.76500000 99700.00000000 153.00000000",
            "sam/1/1/BTC-PERP BUY 0.38300000 100300.00000000 76.60000000");
    List<LiquidationCross> crosses = netted.records(Topics.LIQUIDATION_CROSSES);
    assertThat(crosses).singleElement().satisfies(c -> {
      assertThat(c.getCrossId()).isEqualTo("cross/lena/1/1/BTC-PERP/sam/1/1/BTC-PERP");
      assertThat(c.getSellAccountId()).isEqualTo("lena");
      assertThat(c.getBuyAccountId()).isEqualTo("sam");
      assertThat(c.getQuantity()).isEqualTo(d("0.383"));
      assertThat(c.getPrice()).isEqualTo(d("100000"));
      assertThat(c.getEventTime()).isEqualTo(Scenario.at(1_000));
    });
  }

  @Test
  void netFillsSettleAgainstEachOrdersBankruptcyPrice() {
    List<LedgerEntry> ledger = netted.records(Topics.INSURANCE_LEDGER);
    assertThat(ledger).extracting(e -> e.getSequence() + " " + e.getKind() + " " + e.getAccountId() + " "
        + e.getAmount().toPlainString()).containsExactly(
            "1 SEED fund:usd 1000.00000000",
            "2 PENALTY_INCOME lena 76.60000000",
            "3 PENALTY_INCOME lena 76.40000000",
            "4 PENALTY_INCOME sam 76.60000000");
    assertThat(netted.records(Topics.DEAD_LETTERS)).isEmpty();
  }

  @Test
  void withoutNettingTheDecisionsAreTheSameAndNothingCrosses() {
    assertThat(plain.canonical().get("liquidation.orders")).isEqualTo(netted.canonical().get("liquidation.orders"));
    assertThat(plain.canonical().get("margin.updates")).isEqualTo(netted.canonical().get("margin.updates"));
    assertThat(plain.records(Topics.LIQUIDATION_CROSSES)).isEmpty();
  }
}
