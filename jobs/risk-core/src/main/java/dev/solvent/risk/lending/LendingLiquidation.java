package dev.solvent.risk.lending;

import dev.solvent.risk.instrument.CollateralAsset;

/**
 * One liquidation of a lending position: how much debt a liquidator may repay and how much collateral it receives.
 *
 * <pre>
 *   health factor     HF = Σ collateralValue × LT / debtValue            (liquidatable under 1)
 *   max repayable     = debt × (HF ≤ 0.95 or small position ? 100% : closeFactor)
 *   collateral seized = repaid × debtPrice × (1 + bonus) / collateralPrice  (capped at the account's collateral;
 *                       the repayment is then cut to what that collateral buys)
 *   protocol fee      = (seized − seized / (1 + bonus)) × protocolFeeRate   (a share of the bonus, kept by the protocol)
 * </pre>
 *
 * Dust: when what would be left of the debt or of the collateral is worth less than the minimum leftover, the
 * liquidation repays the whole debt instead (Aave v3.3). Amounts are in units of each asset.
 */
public final class LendingLiquidation {

  private final LendingRules rules;

  public LendingLiquidation(LendingRules rules) {
    this.rules = rules;
  }

  /** What one liquidation repays and seizes. */
  public record Plan(double debtRepaid, double collateralSeized, double protocolFee, double bonusValue,
      boolean fullClose) {

    /** Collateral the liquidator receives (seized minus the protocol's fee). */
    public double liquidatorCollateral() {
      return collateralSeized - protocolFee;
    }
  }

  public static double healthFactor(double weightedCollateralValue, double debtValue) {
    return debtValue > 0 ? weightedCollateralValue / debtValue : Double.POSITIVE_INFINITY;
  }

  /** The largest debt (units of the debt asset) one liquidation may repay. */
  public double maxRepayable(double healthFactor, double debt, double debtPrice, double totalCollateralValue) {
    double debtValue = debt * debtPrice;
    boolean full = healthFactor <= rules.fullCloseHealthFactor() || debtValue < rules.smallPositionValue()
        || totalCollateralValue < rules.smallPositionValue();
    return full ? debt : debt * rules.closeFactor();
  }

  /**
   * @param requested debt the liquidator offers to repay (units of the debt asset)
   * @param debt the account's debt in that asset
   * @param collateral the account's units of the collateral asset
   */
  public Plan plan(double healthFactor, double requested, double debt, double debtPrice, double collateral,
      double collateralPrice, double totalCollateralValue, CollateralAsset asset) {
    if (!(healthFactor < 1)) {
      throw new IllegalArgumentException("health factor " + healthFactor + " is not under 1: nothing to liquidate");
    }
    double bonus = asset.liquidationBonus();
    double repay = Math.min(requested, maxRepayable(healthFactor, debt, debtPrice, totalCollateralValue));
    double seized = repay * debtPrice * (1 + bonus) / collateralPrice;
    if (seized > collateral) {
      seized = collateral;
      repay = collateral * collateralPrice / ((1 + bonus) * debtPrice);
    }
    double debtLeftValue = (debt - repay) * debtPrice;
    double collateralLeftValue = (collateral - seized) * collateralPrice;
    boolean leavesDust = debtLeftValue > 0 && collateralLeftValue > 0
        && (debtLeftValue < rules.minLeftoverValue() || collateralLeftValue < rules.minLeftoverValue());
    if (leavesDust && repay < debt) {
      repay = Math.min(debt, collateral * collateralPrice / ((1 + bonus) * debtPrice));
      seized = Math.min(collateral, repay * debtPrice * (1 + bonus) / collateralPrice);
    }
    double bonusCollateral = seized - seized / (1 + bonus);
    double fee = bonusCollateral * asset.protocolFeeRate();
    return new Plan(repay, seized, fee, bonusCollateral * collateralPrice, repay >= debt);
  }
}
