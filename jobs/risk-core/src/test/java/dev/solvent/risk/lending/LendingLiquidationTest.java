package dev.solvent.risk.lending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.solvent.risk.instrument.CollateralAsset;
import org.junit.jupiter.api.Test;

/** Aave v3.3 liquidation rules (LiquidationLogic.sol) on a worked position: 5 ETH at 2,400, LT 82.5%, bonus 5%. */
class LendingLiquidationTest {

  private static final CollateralAsset ETH = new CollateralAsset("ETH", "ETH", 0, 0.825, 0.05, 0.10);
  private final LendingLiquidation aave = new LendingLiquidation(LendingRules.AAVE_V3_3);

  @Test
  void healthFactorIsThresholdWeightedCollateralOverDebt() {
    assertThat(LendingLiquidation.healthFactor(5 * 2_400 * 0.825, 10_000)).isCloseTo(0.99, within(1e-12));
    assertThat(LendingLiquidation.healthFactor(1, 0)).isInfinite();
  }

  @Test
  void halfTheDebtAboveTheThresholdWithBonusAndProtocolFee() {
    // HF 0.99 > 0.95: at most 50% of 10,000 USDC. Seized = 5,000 × 1.05 / 2,400 = 2.1875 ETH.
    LendingLiquidation.Plan plan = aave.plan(0.99, 10_000, 10_000, 1, 5, 2_400, 12_000, ETH);
    assertThat(plan.debtRepaid()).isCloseTo(5_000, within(1e-9));
    assertThat(plan.collateralSeized()).isCloseTo(2.1875, within(1e-12));
    // Bonus = 2.1875 − 2.1875 / 1.05 = 0.10416667 ETH, the protocol keeps 10% of it.
    assertThat(plan.protocolFee()).isCloseTo(0.010416666666666, within(1e-12));
    assertThat(plan.liquidatorCollateral()).isCloseTo(2.1875 - 0.010416666666666, within(1e-12));
    assertThat(plan.fullClose()).isFalse();
  }

  @Test
  void wholeDebtAtOrUnderTheThresholdAndForSmallPositions() {
    assertThat(aave.maxRepayable(0.95, 10_000, 1, 12_000)).isEqualTo(10_000);
    assertThat(aave.maxRepayable(0.96, 10_000, 1, 12_000)).isEqualTo(5_000);
    assertThat(aave.maxRepayable(0.99, 1_500, 1, 12_000)).isEqualTo(1_500);
  }

  @Test
  void seizureIsCappedAtTheCollateralHeld() {
    // Underwater: 1 ETH at 2,000 against 5,000 debt, HF 0.33: repay only what 1 ETH buys with the bonus.
    LendingLiquidation.Plan plan = aave.plan(0.33, 5_000, 5_000, 1, 1, 2_000, 2_000, ETH);
    assertThat(plan.collateralSeized()).isEqualTo(1);
    assertThat(plan.debtRepaid()).isCloseTo(2_000 / 1.05, within(1e-9));
  }

  @Test
  void neverLeavesDust() {
    // 0.9 ETH among other collateral backs 3,000 USDC: repaying 50% seizes 0.65625 ETH and would leave 0.24375 ETH
    // (585 USD) behind, under the 1,000 minimum; so the liquidation takes all 0.9 ETH instead.
    LendingLiquidation.Plan plan = aave.plan(0.97, 3_000, 3_000, 1, 0.9, 2_400, 10_000, ETH);
    assertThat(plan.collateralSeized()).isCloseTo(0.9, within(1e-12));
    assertThat(plan.debtRepaid()).isCloseTo(0.9 * 2_400 / 1.05, within(1e-9));
  }
}
