package dev.solvent.harness.pipeline;

import static dev.solvent.harness.scenario.Scenario.d;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.avro.account.MarginMode;
import dev.solvent.avro.adl.AdlOrder;
import dev.solvent.avro.insurance.LedgerEntry;
import dev.solvent.avro.pool.PoolEntry;
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
 * The mutual insurance pool through the job (issue 17), worked by hand: a deficit draws its fund, then the pool up to
 * the fund's cap, then ADL. Two perpetuals with their own funds: BTC-PERP (fund btc) and ETH-PERP (fund eth), both
 * maintenance 0.5 %, lot 0.001, penalty 0.2 %; dynamic margin off. Pool: premium share 0.2, fund cap 50.
 *
 * <pre>
 * t=0    fund:btc seeded 1,000, fund:eth 10; the pool 100 (a deposit into pool:venue).
 * t=1s   lena (7,000 USD) buys 1 BTC-PERP at 106,700; the mark is 100,000 throughout: PARTIAL sell of 0.765, BP 99,700,
 *        penalty 0.002 × 76,500 = 153 (NettingITCase). gina (500) buys 1 ETH-PERP at 4,000, frank (10,000) sells it.
 * t=2s   lena's 0.765 filled at 100,000, 229.5 above BP: the penalty splits into 30.6 (0.2 × 153) for the pool and
 *        122.4 for fund btc.
 * t=10s  ETH at 3,400. t=11s gina: equity 500 − 600 = −100, FULL; BP where her equity is 0: 3,500.
 * t=12s  gina's 1 filled at 3,400: deficit 1 × (3,500 − 3,400) = 100. Fund eth pays its 10; shortfall 90. The pool
 *        holds 130.6 but eth may draw 50: it covers 50 (80.6 left), and 40 remains: at 100 a contract (mark 3,400
 *        against BP 3,500) ADL takes 0.4 from frank's short in profit, BUY 0.4 at 3,500.
 * </pre>
 *
 * Without the pool the same input gives ADL 0.9 (the whole 90) and fund btc the whole 153. Pooled, every output topic
 * is the same at parallelism 1, 2 and 4.
 */
class MutualPoolITCase {

  @TempDir
  static Path dir;
  static PipelineRun pooled;
  static PipelineRun plain;
  static PipelineRun pooledAtOne;
  static PipelineRun pooledAtFour;

  @BeforeAll
  static void runBothWays() throws Exception {
    Scenario s = new Scenario()
        .perpetual(0, "BTC-PERP", "BTC", "0.005", 100, "0.001", "0.002", "btc")
        .perpetual(0, "ETH-PERP", "ETH", "0.005", 100, "0.001", "0.002", "eth")
        .deposit(0, "fund:btc", "USD", "1000")
        .deposit(0, "fund:eth", "USD", "10")
        .deposit(0, "pool:venue", "USD", "100")
        .open(0, "lena", MarginMode.CROSS, "btc").deposit(0, "lena", "USD", "7000")
        .open(0, "gina", MarginMode.CROSS, "eth").deposit(0, "gina", "USD", "500")
        .open(0, "frank", MarginMode.CROSS, "eth").deposit(0, "frank", "USD", "10000")
        .trade(1_000, "lena", "BTC-PERP", "1", "106700")
        .trade(1_000, "gina", "ETH-PERP", "1", "4000")
        .trade(1_000, "frank", "ETH-PERP", "-1", "4000")
        .liquidationFill(2_000, "lena", "BTC-PERP", "lena/1/1/BTC-PERP", "-0.765", "100000")
        .liquidationFill(12_000, "gina", "ETH-PERP", "gina/1/1/ETH-PERP", "-1", "3400");
    for (long t = 0; t <= 29_000; t += 1_000) {
      s.quotes(t, "BTC", "100000", "a", "b", "c");
      s.quotes(t, "ETH", t < 10_000 ? "4000" : "3400", "a", "b", "c");
    }
    var in = s.write(dir.resolve("in"));
    SolventConfig config = SolventConfig.defaults().with("risk.dynamic-margin", "false").with("job.parallelism", "2");
    SolventConfig pool = config.with("insurance.pool", "true").with("insurance.pool.fund-cap", "50");
    pooled = PipelineRun.run(in, dir.resolve("pooled"), pool);
    plain = PipelineRun.run(in, dir.resolve("plain"), config);
    pooledAtOne = PipelineRun.run(in, dir.resolve("pooled-p1"), pool.with("job.parallelism", "1"));
    pooledAtFour = PipelineRun.run(in, dir.resolve("pooled-p4"), pool.with("job.parallelism", "4"));
  }

  @Test
  void pooledOutputsAreTheSameAtAnyParallelism() {
    assertThat(pooledAtOne.canonical()).isEqualTo(pooled.canonical());
    assertThat(pooledAtFour.canonical()).isEqualTo(pooled.canonical());
  }

  @Test
  void theDeficitDrawsTheFundThenThePoolWithinTheCapThenAdl() {
    assertThat(fundLedger(pooled)).containsExactly(
        "btc 1 SEED 1000.00000000 1000.00000000",
        "btc 2 PENALTY_INCOME 122.40000000 1122.40000000",
        "eth 1 SEED 10.00000000 10.00000000",
        "eth 2 DEFICIT_PAYOUT -10.00000000 0.00000000",
        "eth 3 SHORTFALL 0.00000000 0.00000000 shortfall 90.00000000");
    List<PoolEntry> pool = pooled.records(Topics.INSURANCE_POOL);
    assertThat(pool).extracting(e -> e.getSequence() + " " + e.getKind() + " " + e.getFundId() + " "
        + e.getAmount().toPlainString() + " " + e.getBalanceAfter().toPlainString() + " drawn "
        + e.getFundDrawn().toPlainString() + (e.getShortfall() == null ? "" : " shortfall "
        + e.getShortfall().toPlainString())).containsExactly(
            "1 SEED pool:venue 100.00000000 100.00000000 drawn 0.00000000",
            "2 PREMIUM btc 30.60000000 130.60000000 drawn 0.00000000",
            "3 COVER eth -50.00000000 80.60000000 drawn 50.00000000",
            "4 SHORTFALL eth 0.00000000 80.60000000 drawn 50.00000000 shortfall 40.00000000");
    assertThat(pool).allSatisfy(e -> {
      assertThat(e.getPoolId()).isEqualTo("pool");
      assertThat(e.getFundCap()).isEqualTo(d("50"));
    });
    assertThat(pool.get(1).getAccountId()).isEqualTo("lena");
    assertThat(pool.get(1).getReference()).isEqualTo("lena/1/1/BTC-PERP");
    assertThat(pool.get(1).getEventTime()).isEqualTo(Scenario.at(2_000));
    assertThat(pool.get(2).getAccountId()).isEqualTo("gina");
    assertThat(pool.get(2).getEventTime()).isEqualTo(Scenario.at(12_000));
    assertThat(adl(pooled)).containsExactly("frank BUY 0.40000000 3500.00000000 ETH-PERP");
  }

  @Test
  void withoutThePoolTheFundKeepsThePenaltyAndAdlTakesTheWholeShortfall() {
    assertThat(fundLedger(plain)).containsExactly(
        "btc 1 SEED 1000.00000000 1000.00000000",
        "btc 2 PENALTY_INCOME 153.00000000 1153.00000000",
        "eth 1 SEED 10.00000000 10.00000000",
        "eth 2 DEFICIT_PAYOUT -10.00000000 0.00000000",
        "eth 3 SHORTFALL 0.00000000 0.00000000 shortfall 90.00000000");
    assertThat(plain.records(Topics.INSURANCE_POOL)).isEmpty();
    assertThat(adl(plain)).containsExactly("frank BUY 0.90000000 3500.00000000 ETH-PERP");
    assertThat(plain.records(Topics.DEAD_LETTERS)).as("a pool deposit without a pool: no such account")
        .anySatisfy(l -> assertThat(l.getDetail()).contains("pool:venue"));
    assertThat(plain.records(Topics.LIQUIDATION_ORDERS)).as("the pool changes no liquidation")
        .isEqualTo(pooled.records(Topics.LIQUIDATION_ORDERS));
  }

  private static List<String> fundLedger(PipelineRun run) {
    return run.records(Topics.INSURANCE_LEDGER).stream()
        .sorted(java.util.Comparator.comparing(LedgerEntry::getFundId).thenComparingLong(LedgerEntry::getSequence))
        .map(e -> e.getFundId() + " " + e.getSequence() + " " + e.getKind() + " " + e.getAmount().toPlainString()
            + " " + e.getBalanceAfter().toPlainString()
            + (e.getShortfall() == null ? "" : " shortfall " + e.getShortfall().toPlainString()))
        .toList();
  }

  private static List<String> adl(PipelineRun run) {
    return run.records(Topics.ADL_ORDERS).stream().map((AdlOrder o) -> o.getAccountId() + " " + o.getSide() + " "
        + o.getQuantity().toPlainString() + " " + o.getPrice().toPlainString() + " " + o.getInstrumentId()).toList();
  }
}
