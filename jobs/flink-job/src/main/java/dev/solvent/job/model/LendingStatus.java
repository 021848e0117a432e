package dev.solvent.job.model;

/**
 * A lending account's health at {@code time}, with what an auction needs: its largest collateral and largest debt,
 * their oracle prices, and the Aave-style parameters of the collateral.
 */
public record LendingStatus(String accountId, long time, double healthFactor, String collateralAsset,
    double collateralUnits, double collateralPrice, String debtAsset, double debtUnits, double debtPrice,
    double totalCollateralValue, double liquidationBonus, double protocolFeeRate) {}
