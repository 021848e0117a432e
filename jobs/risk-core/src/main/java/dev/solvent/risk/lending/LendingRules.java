package dev.solvent.risk.lending;

import dev.solvent.risk.instrument.Checks;

/**
 * Lending-mode liquidation rules, Aave v3.3's by default (aave-v3-origin, LiquidationLogic.sol):
 * DEFAULT_LIQUIDATION_CLOSE_FACTOR = 50%; CLOSE_FACTOR_HF_THRESHOLD = 0.95 (at or under it, 100% may be repaid);
 * MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD = $2,000 (a position whose collateral or debt is smaller may be repaid
 * fully); MIN_LEFTOVER_BASE = $1,000 (a liquidation either repays everything or leaves at least this much of both
 * debt and collateral, so no dust is left that nobody would profitably liquidate).
 */
public record LendingRules(double closeFactor, double fullCloseHealthFactor, double smallPositionValue,
    double minLeftoverValue) {

  public static final LendingRules AAVE_V3_3 = new LendingRules(0.5, 0.95, 2_000, 1_000);

  public LendingRules {
    if (!(closeFactor > 0 && closeFactor <= 1)) {
      throw new IllegalArgumentException("closeFactor must be in (0, 1]: " + closeFactor);
    }
    Checks.positive("fullCloseHealthFactor", fullCloseHealthFactor);
    Checks.nonNegative("smallPositionValue", smallPositionValue);
    Checks.nonNegative("minLeftoverValue", minLeftoverValue);
  }
}
