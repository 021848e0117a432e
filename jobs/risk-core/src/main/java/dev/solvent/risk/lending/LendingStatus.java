package dev.solvent.risk.lending;

/**
 * A lending account's health at {@code time}, with what an auction needs: its largest collateral and largest debt,
 * their oracle prices, and the Aave-style parameters of the collateral. Empty asset names when it holds none.
 */
public record LendingStatus(String accountId, long time, double healthFactor, String collateralAsset,
    double collateralUnits, double collateralPrice, String debtAsset, double debtUnits, double debtPrice,
    double totalCollateralValue, double liquidationBonus, double protocolFeeRate) {

  public boolean underwater() {
    return healthFactor < 1;
  }

  /** The collateral's price in units of the debt asset. */
  public double collateralInDebt() {
    return collateralPrice / debtPrice;
  }
}
