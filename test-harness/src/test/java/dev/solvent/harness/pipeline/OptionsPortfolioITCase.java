package dev.solvent.harness.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.solvent.avro.account.MarginMode;
import dev.solvent.avro.liquidation.LiquidationOrder;
import dev.solvent.avro.margin.MarginUpdate;
import dev.solvent.harness.run.PipelineRun;
import dev.solvent.harness.scenario.Scenario;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.risk.account.Account;
import dev.solvent.risk.account.MarginCalculator;
import dev.solvent.risk.account.MarketState;
import dev.solvent.risk.account.Position;
import dev.solvent.risk.account.RiskParameters;
import dev.solvent.risk.instrument.Instrument;
import dev.solvent.risk.instrument.OptionContract;
import dev.solvent.risk.liquidation.LiquidationPlan;
import dev.solvent.risk.liquidation.PartialLiquidationPlanner;
import dev.solvent.risk.margin.DynamicMargin;
import dev.solvent.risk.portfolio.RiskArrayCalculator;
import dev.solvent.risk.portfolio.ScenarioGrid;
import dev.solvent.risk.pricing.OptionType;
import dev.solvent.schema.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short options on portfolio margin through the job graph: implied volatility jumps with a rally and the writer is
 * partially liquidated (buying back calls).
 *
 * <pre>
 * t=1s   writer (PORTFOLIO) deposits 200,000 USD and sells 10 BTC-C-110K calls (30 days) at 2,000: cash 220,000.
 *        The option has no price of its own before: its premium is Black-76 at the oracle and the BTC implied vol.
 * t=10s  BTC rallies from 100,000 to 108,000 and the implied vol jumps from 0.6 to 1.2 (both at 10 s, published at
 *        11 s): the short calls' value and the scenario losses grow; equity = 220,000 − 10 × call(108,000, vol 1.2).
 * t=11s  the account is under maintenance: the liquidation is the core planner's plan for exactly that account,
 *        which the test recomputes from the ledger above (the core's numbers are checked against published references
 *        in the risk-core tests; here the question is whether the pipeline delivers them).
 * </pre>
 */
class OptionsPortfolioITCase {

  private static final long EXPIRY = 30L * 86_400_000;
  @TempDir
  static Path dir;
  static PipelineRun run;

  @BeforeAll
  static void runScenario() throws Exception {
    Scenario s = new Scenario()
        .option(0, "BTC-C-110K", "BTC", "CALL", "110000", EXPIRY, "0.1", "0.005", "usd")
        .vol(0, "BTC", null, 0.6)
        .vol(10_000, "BTC", null, 1.2)
        .open(0, "writer", MarginMode.PORTFOLIO, "usd")
        .deposit(1_000, "writer", "USD", "200000")
        .trade(1_000, "writer", "BTC-C-110K", "-10", "2000");
    for (long t = 0; t <= 20_000; t += 1_000) {
      s.quotes(t, "BTC", t < 10_000 ? "100000" : "108000", "a", "b", "c");
    }
    run = PipelineRun.run(s.write(dir.resolve("in")), dir.resolve("out"),
        SolventConfig.defaults().with("risk.dynamic-margin", "false").with("job.parallelism", "2"));
  }

  @Test
  void liquidationIsTheCorePlannersPlanForTheLedgersAccount() {
    OptionContract call = new OptionContract("BTC-C-110K", "BTC", OptionType.CALL, 110_000, Scenario.T0 + EXPIRY, 1,
        0.1, 0.005, "usd");
    Map<String, Instrument> instruments = Map.of(call.id(), call);
    long at = Scenario.T0 + 11_000;
    MarketState market = new MarketState(at, Map.of(call.id(),
        new RiskArrayCalculator(ScenarioGrid.DEFAULT).compute(call, 108_000, 1.2, 0, at)), Map.of());
    Account writer = Account.of("writer", dev.solvent.risk.account.MarginMode.PORTFOLIO, 220_000,
        List.of(Position.of(call.id(), -10, 2_000)));
    MarginCalculator calculator = new MarginCalculator(RiskParameters.DEFAULT.withDynamic(DynamicMargin.OFF));
    LiquidationPlan expected = new PartialLiquidationPlanner(calculator).plan(writer, instruments, market)
        .orElseThrow();

    List<LiquidationOrder> all = run.records(Topics.LIQUIDATION_ORDERS);
    List<LiquidationOrder> orders = all.stream().filter(o -> o.getAttempt() == 1).toList();
    assertThat(orders).hasSize(expected.orders().size());
    LiquidationOrder order = orders.get(0);
    assertThat(order.getEventTime()).isEqualTo(Scenario.at(11_000));
    assertThat(order.getSide().name()).isEqualTo("BUY");
    assertThat(order.getKind().name()).isEqualTo(expected.kind().name());
    assertThat(order.getQuantity().doubleValue()).isCloseTo(expected.orders().get(0).quantity(), within(1e-9));
    assertThat(order.getBankruptcyPrice().doubleValue())
        .isCloseTo(expected.orders().get(0).bankruptcyPrice(), within(1e-6));
    assertThat(order.getMarginRatio()).isCloseTo(expected.ratioBefore(), within(1e-9));

    MarginUpdate before = run.records(Topics.MARGIN_UPDATES).stream()
        .filter(u -> u.getEventTime().equals(Scenario.at(11_000))).findFirst().orElseThrow();
    assertThat(before.getMarginMode().name()).isEqualTo("PORTFOLIO");
    assertThat(before.getStatus().name()).isEqualTo("LIQUIDATABLE");
    assertThat(before.getMaintenanceMargin().doubleValue()).isCloseTo(
        calculator.assess(writer, instruments, market).maintenanceMargin(), within(1e-6));
    assertThat(before.getExposures().get(0).getVega()).isNegative();
  }
}
