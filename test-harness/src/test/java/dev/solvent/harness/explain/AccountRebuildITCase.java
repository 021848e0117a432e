package dev.solvent.harness.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.avro.liquidation.LiquidationOrder;
import dev.solvent.harness.loop.LoopRecord;
import dev.solvent.harness.run.PipelineRun;
import dev.solvent.harness.scenario.RandomScenario;
import dev.solvent.harness.scenario.Scenario;
import dev.solvent.job.account.AccountRecords;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.risk.book.AccountOutput;
import dev.solvent.schema.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explain --account --at}'s promise: for every liquidation order of a seeded run (default configuration,
 * dynamic margin on), the account rebuilt from the recorded topics at the order's time decides that order, field for
 * field: ratio before and after, quantity, limit, bankruptcy price, mark, penalty, kind.
 */
class AccountRebuildITCase {

  @TempDir
  Path dir;

  @Test
  void everyLiquidationOrderIsRebuiltExactlyAtItsTime() throws Exception {
    // A fourth BTC source that also reports book depth, thin enough for the liquidity add-on to matter: the depth
    // reaches the risk arrays through oracle.prices, and the rebuild must read it there.
    Scenario scenario = RandomScenario.generate(17, 200, 200, 0.35, 0.001, s -> {
      List<dev.solvent.avro.ticks.Quote> first = new ArrayList<>();
      List<Long> times = new ArrayList<>();
      for (var r : s.records().get("market.ticks")) {
        var tick = (dev.solvent.avro.ticks.MarketTick) r;
        if (tick.getPayload() instanceof dev.solvent.avro.ticks.Quote q && q.getSource().equals("a")
            && q.getUnderlying().equals("BTC")) {
          first.add(q);
          times.add(tick.getEventTime().toEpochMilli() - Scenario.T0);
        }
      }
      for (int i = 0; i < first.size(); i += 2) {
        s.quote(times.get(i), "BTC", "book", first.get(i).getPrice().toPlainString(), "300000", "250000");
      }
      s.inTimeOrder("market.ticks");
    });
    SolventConfig config = SolventConfig.defaults().with("checkpoint.interval-ms", "500");
    PipelineRun run = PipelineRun.run(scenario.write(dir.resolve("in")), dir.resolve("out"), config);

    List<LoopRecord> records = new ArrayList<>();
    scenario.records().forEach((topic, list) -> list.forEach(r -> records.add(new LoopRecord(topic, 0, r))));
    run.records(Topics.ORACLE_PRICES).forEach(p -> records.add(new LoopRecord(Topics.ORACLE_PRICES.name(), 0, p)));
    Map<String, AccountRebuild> rebuilds = new TreeMap<>();
    List<LiquidationOrder> orders = run.records(Topics.LIQUIDATION_ORDERS);
    assertThat(orders).hasSizeGreaterThan(20);
    for (LiquidationOrder order : orders) {
      AccountRebuild rebuild = rebuilds.computeIfAbsent(order.getAccountId(),
          a -> AccountRebuild.of(a, records, config));
      AccountRebuild.At at = rebuild.at(order.getEventTime().toEpochMilli());
      List<LiquidationOrder> decided = at.outputsAtTime().stream()
          .filter(o -> o instanceof AccountOutput.LiquidationOrdered)
          .map(o -> AccountRecords.order((AccountOutput.LiquidationOrdered) o)).toList();
      assertThat(decided).as("orders of %s at %s", order.getAccountId(), order.getEventTime()).contains(order);
      assertThat(at.snapshot()).isPresent();
    }
    assertThat(run.records(Topics.ORACLE_PRICES)).as("the depth reached the oracle's prices")
        .anySatisfy(p -> assertThat(p.getBidDepth2Pct()).isNotNull());
    System.out.printf("explain --account: %,d liquidation orders of %,d accounts rebuilt exactly%n", orders.size(),
        rebuilds.size());
  }
}
