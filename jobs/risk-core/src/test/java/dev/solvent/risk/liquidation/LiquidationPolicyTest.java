package dev.solvent.risk.liquidation;

import static dev.solvent.risk.Fixtures.NOW;
import static dev.solvent.risk.Fixtures.STATIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.solvent.risk.Fixtures;
import dev.solvent.risk.account.Account;
import dev.solvent.risk.account.MarginCalculator;
import dev.solvent.risk.account.MarginMode;
import dev.solvent.risk.account.MarginStatus;
import dev.solvent.risk.account.MarketState;
import dev.solvent.risk.account.Position;
import dev.solvent.risk.instrument.Instrument;
import dev.solvent.risk.instrument.LinearContract;
import dev.solvent.risk.margin.MarginSchedule;
import dev.solvent.risk.portfolio.RiskArrayCalculator;
import dev.solvent.risk.portfolio.ScenarioGrid;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Healthy | MarginCall | Liquidate(plan) on one long BTC perpetual with a flat 0.5% maintenance rate (one Binance
 * bracket: MM = notional × 0.005) and a 0.2% penalty, warning level 1.5 and target 1.25 (README "Risk models").
 * Long 1 from 100,000 with a wallet of 7,400: equity = mark − 92,600, MM = 0.005 × mark.
 */
class LiquidationPolicyTest {

  private static final LinearContract BTC = new LinearContract("BTC-PERP", "BTC", 0, 1, 0.001,
      MarginSchedule.flat(100, 0.005), 0.002, "usd");
  private static final Map<String, Instrument> INSTRUMENTS = Map.of(BTC.id(), BTC);
  private static final double TOLERANCE_RATIO = 1e-12;
  private static final double TOLERANCE_PRICE = 1e-6;

  private final LiquidationPolicy policy = new LiquidationPolicy(new MarginCalculator(STATIC));

  private static MarketState market(double btc) {
    var arrays = new RiskArrayCalculator(ScenarioGrid.DEFAULT);
    return new MarketState(NOW, Map.of(BTC.id(), arrays.compute(BTC, btc, 0.6, 0, NOW)), Map.of());
  }

  private static Account bob(double wallet) {
    return Account.of("bob", MarginMode.CROSS, wallet, List.of(Position.of("BTC-PERP", 1, 100_000)));
  }

  @Test
  void atOrAboveTheWarningLevelTheAccountIsHealthy() {
    // At 100,000: equity 7,400, MM 500, ratio 14.8.
    MarginDecision decision = policy.decide(bob(7_400), INSTRUMENTS, market(100_000));
    assertThat(decision).isInstanceOf(MarginDecision.Healthy.class);
    assertThat(decision.assessment().marginRatio()).isCloseTo(14.8, within(TOLERANCE_RATIO));
    // Exactly at the warning level: 750 / 500 = 1.5 is not under it.
    assertThat(policy.decide(bob(750), INSTRUMENTS, market(100_000))).isInstanceOf(MarginDecision.Healthy.class);
  }

  @Test
  void betweenOneAndTheWarningLevelItIsAMarginCall() {
    // At 93,200: equity 600, MM 466, ratio 1.2876.
    MarginDecision decision = policy.decide(bob(7_400), INSTRUMENTS, market(93_200));
    assertThat(decision).isInstanceOf(MarginDecision.MarginCall.class);
    assertThat(decision.assessment().marginRatio()).isCloseTo(600.0 / 466, within(TOLERANCE_RATIO));
    assertThat(decision.assessment().status()).isEqualTo(MarginStatus.MARGIN_CALL);
    // Exactly 1 (500 / 500) is a margin call, not yet a liquidation.
    assertThat(policy.decide(bob(500), INSTRUMENTS, market(100_000))).isInstanceOf(MarginDecision.MarginCall.class);
  }

  @Test
  void underOneItLiquidatesWithTheSmallestPartialPlan() {
    // At 93,000: equity 400, MM 465, ratio 0.86. Selling q at the mark pays 0.002 × 93,000 q = 186 q; the target
    // needs 400 − 186 q ≥ 1.25 × 465 × (1 − q), i.e. q ≥ 181.25 / 395.25 = 0.45857: 459 lots of 0.001.
    MarginDecision decision = policy.decide(bob(7_400), INSTRUMENTS, market(93_000));
    assertThat(decision).isInstanceOf(MarginDecision.Liquidate.class);
    LiquidationPlan plan = ((MarginDecision.Liquidate) decision).plan();
    assertThat(plan.kind()).isEqualTo(LiquidationKind.PARTIAL);
    assertThat(plan.ratioBefore()).isCloseTo(400.0 / 465, within(TOLERANCE_RATIO));
    assertThat(plan.targetRatio()).isEqualTo(1.25);
    assertThat(plan.orders()).singleElement().satisfies(o -> {
      assertThat(o.instrumentId()).isEqualTo("BTC-PERP");
      assertThat(o.side()).isEqualTo(-1);
      assertThat(o.quantity()).isCloseTo(0.459, within(1e-12));
      // Bankruptcy: mark − equity / qty = 93,000 − 400 = 92,600, the sell's limit.
      assertThat(o.bankruptcyPrice()).isCloseTo(92_600, within(TOLERANCE_PRICE));
      assertThat(o.limitPrice()).isCloseTo(92_600, within(TOLERANCE_PRICE));
      assertThat(o.penalty()).isCloseTo(0.002 * 0.459 * 93_000, within(TOLERANCE_PRICE));
    });
    // After: (400 − 85.374) / (465 × 0.541) = 314.626 / 251.565.
    assertThat(plan.ratioAfter()).isCloseTo(314.626 / 251.565, within(1e-9));
  }

  @Test
  void aBankruptAccountIsLiquidatedFully() {
    // At 92,000: equity −600, nothing is left for a penalty.
    MarginDecision decision = policy.decide(bob(7_400), INSTRUMENTS, market(92_000));
    assertThat(decision.assessment().status()).isEqualTo(MarginStatus.BANKRUPT);
    LiquidationPlan plan = ((MarginDecision.Liquidate) decision).plan();
    assertThat(plan.kind()).isEqualTo(LiquidationKind.FULL);
    assertThat(plan.orders()).singleElement().satisfies(o -> {
      assertThat(o.quantity()).isEqualTo(1);
      assertThat(o.penalty()).isZero();
    });
  }

  @Test
  void aLiquidatableAccountThePlannerHasNoOrdersForGetsAnEmptyFullPlan() {
    // A lending account under water is auctioned, not planned: 5 ETH at 2,000 × LT 0.825 = 8,250 against 9,000 of
    // USDC debt, health factor 0.9167 (Aave: HF = Σ collateral × LT / debt).
    Account lender = new Account("dan", MarginMode.LENDING, 0, List.of(), Map.of("ETH", 5.0), Map.of("USDC", 9_000.0));
    MarketState market = Fixtures.market(Map.of("ETH", 2_000.0), 0.6);
    MarginDecision decision = policy.decide(lender, Fixtures.INSTRUMENTS, market);
    assertThat(decision).isInstanceOf(MarginDecision.Liquidate.class);
    LiquidationPlan plan = ((MarginDecision.Liquidate) decision).plan();
    assertThat(plan.kind()).isEqualTo(LiquidationKind.FULL);
    assertThat(plan.orders()).isEmpty();
    assertThat(plan.ratioBefore()).isCloseTo(8_250.0 / 9_000, within(TOLERANCE_RATIO));
    assertThat(plan.ratioAfter()).isCloseTo(8_250.0 / 9_000, within(TOLERANCE_RATIO));
    assertThat(plan.targetRatio()).isEqualTo(STATIC.targetRatio());
    assertThat(plan.equityAfter()).isCloseTo(8_250, within(TOLERANCE_PRICE));
    assertThat(plan.maintenanceAfter()).isCloseTo(9_000, within(TOLERANCE_PRICE));
  }

  @Test
  void aLendingAccountBetweenOneAndTheWarningLevelIsAMarginCall() {
    // 5 ETH at 3,000 × 0.825 = 12,375 against 9,000: HF 1.375.
    Account lender = new Account("dan", MarginMode.LENDING, 0, List.of(), Map.of("ETH", 5.0), Map.of("USDC", 9_000.0));
    MarginDecision decision = policy.decide(lender, Fixtures.INSTRUMENTS, Fixtures.market(Map.of("ETH", 3_000.0),
        0.6));
    assertThat(decision).isInstanceOf(MarginDecision.MarginCall.class);
    assertThat(decision.assessment().marginRatio()).isCloseTo(12_375.0 / 9_000, within(TOLERANCE_RATIO));
  }
}
