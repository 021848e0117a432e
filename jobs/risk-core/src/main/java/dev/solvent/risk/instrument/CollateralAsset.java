package dev.solvent.risk.instrument;

import java.util.Objects;

/**
 * Spot collateral in lending mode (Aave-style reserve parameters).
 *
 * @param haircut fraction of market value not counted as collateral value
 * @param liquidationThreshold weight of the collateral value in the health factor
 * @param liquidationBonus extra collateral a liquidator receives over the value repaid (0.05 = 5%)
 * @param protocolFeeRate protocol's share of the bonus
 */
public record CollateralAsset(String id, String underlying, double haircut, double liquidationThreshold,
    double liquidationBonus, double protocolFeeRate) implements Instrument {

  public CollateralAsset {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(underlying, "underlying");
    Checks.fraction("haircut", haircut);
    Checks.fraction("liquidationThreshold", liquidationThreshold);
    Checks.fraction("liquidationBonus", liquidationBonus);
    Checks.fraction("protocolFeeRate", protocolFeeRate);
    if (liquidationThreshold * (1 + liquidationBonus) >= 1) {
      // Aave's invariant: otherwise a liquidation lowers the health factor instead of raising it.
      throw new IllegalArgumentException("liquidationThreshold x (1 + liquidationBonus) must be < 1 for " + id);
    }
  }
}
