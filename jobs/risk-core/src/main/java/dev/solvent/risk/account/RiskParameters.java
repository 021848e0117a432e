package dev.solvent.risk.account;

import dev.solvent.risk.lending.LendingRules;
import dev.solvent.risk.margin.DynamicMargin;
import dev.solvent.risk.margin.StandardOptionMargin;
import dev.solvent.risk.portfolio.PortfolioMargin;
import dev.solvent.risk.portfolio.ScenarioGrid;

/**
 * Every parameter of the margin models, with defaults (README "Risk models" documents each).
 *
 * @param warningLevel margin calls are emitted under this margin ratio
 * @param targetRatio the ratio a partial liquidation restores
 * @param liquidationHorizonYears horizon of the probability of default: the time a liquidation takes
 * @param correlation correlation assumed between underlyings' returns in the probability of default
 */
public record RiskParameters(double warningLevel, double targetRatio, StandardOptionMargin optionMargin,
    ScenarioGrid grid, PortfolioMargin portfolio, DynamicMargin dynamic, LendingRules lending,
    double liquidationHorizonYears, double correlation) {

  /** Five minutes, in years. */
  public static final double FIVE_MINUTES = 5.0 / (365 * 24 * 60);

  public static final RiskParameters DEFAULT = new RiskParameters(1.5, 1.25, StandardOptionMargin.DERIBIT,
      ScenarioGrid.DEFAULT, PortfolioMargin.DEFAULT, DynamicMargin.DEFAULT, LendingRules.AAVE_V3_3, FIVE_MINUTES, 0.8);

  public RiskParameters {
    if (!(targetRatio > 1)) {
      throw new IllegalArgumentException("targetRatio must be > 1: " + targetRatio);
    }
    if (!(warningLevel >= 1)) {
      throw new IllegalArgumentException("warningLevel must be >= 1: " + warningLevel);
    }
    if (!(liquidationHorizonYears > 0)) {
      throw new IllegalArgumentException("liquidationHorizonYears must be > 0: " + liquidationHorizonYears);
    }
    if (!(correlation >= -1 && correlation <= 1)) {
      throw new IllegalArgumentException("correlation must be in [-1, 1]: " + correlation);
    }
  }

  public RiskParameters withDynamic(DynamicMargin newDynamic) {
    return new RiskParameters(warningLevel, targetRatio, optionMargin, grid, portfolio, newDynamic, lending,
        liquidationHorizonYears, correlation);
  }

  public RiskParameters withTargetRatio(double newTarget) {
    return new RiskParameters(warningLevel, newTarget, optionMargin, grid, portfolio, dynamic, lending,
        liquidationHorizonYears, correlation);
  }
}
