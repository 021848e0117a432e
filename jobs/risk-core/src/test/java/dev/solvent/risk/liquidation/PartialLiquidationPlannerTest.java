package dev.solvent.risk.liquidation;

import static dev.solvent.risk.Fixtures.INSTRUMENTS;
import static dev.solvent.risk.Fixtures.STATIC;
import static dev.solvent.risk.Fixtures.market;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.solvent.risk.instrument.Contract;
import dev.solvent.risk.Fixtures;
import dev.solvent.risk.account.Account;
import dev.solvent.risk.account.MarginAssessment;
import dev.solvent.risk.account.MarginCalculator;
import dev.solvent.risk.account.MarginMode;
import dev.solvent.risk.account.MarketState;
import dev.solvent.risk.account.Position;
import dev.solvent.risk.account.RiskParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PartialLiquidationPlannerTest {

  private static final List<String> TRADABLE = List.of("BTC-PERP", "ETH-PERP", Fixtures.BTC_CALL_120K.id(),
      Fixtures.BTC_PUT_100K.id(), Fixtures.BTC_CALL_110K.id());

  private final MarginCalculator calculator = new MarginCalculator(STATIC);
  private final PartialLiquidationPlanner planner = new PartialLiquidationPlanner(calculator);

  @Test
  void liquidatesOnlyUntilTargetRatioOverRandomPortfolios() {
    Random random = new Random(20251010);
    int planned = 0;
    int partial = 0;
    for (int i = 0; i < 400; i++) {
      Account account = randomAccount(random, i);
      MarketState market = market(Map.of("BTC", 80_000 + random.nextDouble() * 40_000,
          "ETH", 3_000 + random.nextDouble() * 2_000), 0.3 + random.nextDouble());
      MarginAssessment before = calculator.assess(account, INSTRUMENTS, market);
      var plan = planner.plan(account, INSTRUMENTS, market);

      if (!before.liquidatable()) {
        assertThat(plan).as("solvent account %d gets no plan", i).isEmpty();
        continue;
      }
      planned++;
      LiquidationPlan p = plan.orElseThrow();
      assertThat(p.totalPenalty()).isLessThanOrEqualTo(Math.max(before.equity(), 0) + 1e-9);
      for (PlannedOrder order : p.orders()) {
        assertThat(order.quantity()).isPositive();
        assertThat(order.limitPrice()).isEqualTo(Math.max(order.bankruptcyPrice(), 0));
        // A sell's limit is never under the bankruptcy price, a buy's never over it (prices cannot go below 0).
        if (order.side() < 0 || order.bankruptcyPrice() > 0) {
          assertThat(order.side() * (order.bankruptcyPrice() - order.limitPrice())).isGreaterThanOrEqualTo(0);
        }
      }
      if (p.kind() == LiquidationKind.FULL) {
        continue;
      }
      partial++;
      Account after = apply(account, p.orders());
      MarginAssessment valued = calculator.assess(after, INSTRUMENTS, market);
      double equityAfter = before.equity() - p.totalPenalty();
      double ratioAfter = valued.maintenanceMargin() > 0 ? equityAfter / valued.maintenanceMargin()
          : Double.POSITIVE_INFINITY;
      assertThat(ratioAfter).as("account %d reaches the target", i)
          .isGreaterThanOrEqualTo(STATIC.targetRatio() - 1e-9);

      // Minimal: one lot less on the last order misses the target.
      PlannedOrder last = p.orders().get(p.orders().size() - 1);
      double lot = Contract.of(INSTRUMENTS.get(last.instrumentId())).lotSize();
      if (last.quantity() > lot + 1e-9) {
        List<PlannedOrder> lessByOneLot = new ArrayList<>(p.orders());
        lessByOneLot.set(lessByOneLot.size() - 1, new PlannedOrder(last.instrumentId(), last.side(),
            last.quantity() - lot, last.limitPrice(), last.bankruptcyPrice(), last.markPrice(), last.penalty()));
        double mmShort = calculator.assess(apply(account, lessByOneLot), INSTRUMENTS, market).maintenanceMargin();
        assertThat(equityAfter / mmShort).as("account %d: one lot less is not enough", i)
            .isLessThan(STATIC.targetRatio() + 1e-6);
      }
    }
    assertThat(planned).isGreaterThan(50);
    assertThat(partial).isGreaterThan(20);
  }

  @Test
  void closesTheRiskiestPositionPerNotionalFirst() {
    // A large BTC position sits in a higher bracket (higher marginal rate) than the small ETH one; ratio ≈ 0.9.
    Account account = Account.of("a", MarginMode.CROSS, 110_000, List.of(
        Position.of("BTC-PERP", 30, 100_000), Position.of("ETH-PERP", 10, 4_000)));
    MarketState market = market(98_200, 3_950);
    LiquidationPlan plan = planner.plan(account, INSTRUMENTS, market).orElseThrow();
    assertThat(plan.kind()).isEqualTo(LiquidationKind.PARTIAL);
    assertThat(plan.orders()).hasSize(1);
    assertThat(plan.orders().get(0).instrumentId()).isEqualTo("BTC-PERP");
    assertThat(plan.orders().get(0).side()).isEqualTo(-1);
    assertThat(plan.ratioAfter()).isGreaterThanOrEqualTo(1.25);
  }

  @Test
  void bankruptAccountIsLiquidatedFullyWithoutPenalty() {
    Account account = Account.of("a", MarginMode.CROSS, 3_000, List.of(Position.of("BTC-PERP", 1, 100_000)));
    LiquidationPlan plan = planner.plan(account, INSTRUMENTS, market(96_000, 4_000)).orElseThrow();
    assertThat(plan.kind()).isEqualTo(LiquidationKind.FULL);
    assertThat(plan.totalPenalty()).isZero();
    // Equity is −1,000: the sell's limit (bankruptcy) is 97,000, above the mark: no fill can avoid the deficit.
    assertThat(plan.orders().get(0).limitPrice()).isCloseTo(97_000, within(1e-6));
  }

  @Test
  void penaltyNeverExceedsTheEquityLeft() {
    Account account = Account.of("a", MarginMode.CROSS, 4_100, List.of(Position.of("BTC-PERP", 1, 100_000)));
    LiquidationPlan plan = planner.plan(account, INSTRUMENTS, market(96_000, 4_000)).orElseThrow();
    assertThat(plan.totalPenalty()).isCloseTo(100, within(1e-6));
  }

  @Test
  void isolatedAccountsLiquidateOnlyTheBreachedPosition() {
    Account account = Account.of("iso", MarginMode.ISOLATED, 0, List.of(
        new Position("BTC-PERP", 1, 100_000, 1_500), new Position("ETH-PERP", 10, 4_000, 20_000)));
    LiquidationPlan plan = planner.plan(account, INSTRUMENTS, market(98_800, 4_000)).orElseThrow();
    assertThat(plan.orders()).extracting(PlannedOrder::instrumentId).containsOnly("BTC-PERP");
  }

  @Test
  void higherTargetLiquidatesMore() {
    Account account = Account.of("a", MarginMode.CROSS, 110_000, List.of(Position.of("BTC-PERP", 30, 100_000)));
    MarketState market = market(98_200, 3_950);
    LiquidationPlan plan = planner.plan(account, INSTRUMENTS, market).orElseThrow();
    assertThat(plan.kind()).isEqualTo(LiquidationKind.PARTIAL);
    double atDefault = plan.orders().get(0).quantity();
    RiskParameters stricter = STATIC.withTargetRatio(2.0);
    double atTwo = new PartialLiquidationPlanner(new MarginCalculator(stricter)).plan(account, INSTRUMENTS, market)
        .orElseThrow().orders().get(0).quantity();
    assertThat(atTwo).isGreaterThan(atDefault);
  }

  static Account apply(Account account, List<PlannedOrder> orders) {
    List<Position> positions = new ArrayList<>();
    for (Position position : account.positions()) {
      double quantity = position.quantity();
      for (PlannedOrder order : orders) {
        if (order.instrumentId().equals(position.instrumentId())) {
          quantity += order.side() * order.quantity();
        }
      }
      if (Math.abs(quantity) > 1e-12) {
        positions.add(position.withQuantity(quantity));
      }
    }
    return account.withPositions(positions);
  }

  private static Account randomAccount(Random random, int i) {
    List<Position> positions = new ArrayList<>();
    List<String> pool = new ArrayList<>(TRADABLE);
    java.util.Collections.shuffle(pool, random);
    int count = 1 + random.nextInt(4);
    double notional = 0;
    for (String id : pool.subList(0, count)) {
      boolean option = id.contains("-C") || id.contains("-P");
      double lot = Contract.of(INSTRUMENTS.get(id)).lotSize();
      double lots = 1 + random.nextInt(option ? 200 : 40_000);
      double quantity = (random.nextBoolean() ? 1 : -1) * lots * lot;
      double entry = id.startsWith("ETH") ? 4_000 : option ? 1_000 + random.nextDouble() * 4_000 : 100_000;
      positions.add(Position.of(id, quantity, entry));
      notional += Math.abs(quantity) * (id.startsWith("ETH") ? 4_000 : 100_000);
    }
    MarginMode mode = random.nextInt(3) == 0 ? MarginMode.PORTFOLIO : MarginMode.CROSS;
    double wallet = notional * (0.01 + random.nextDouble() * 0.15);
    return Account.of("acct-" + i, mode, wallet, positions);
  }
}
