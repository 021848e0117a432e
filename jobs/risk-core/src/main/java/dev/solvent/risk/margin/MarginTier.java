package dev.solvent.risk.margin;

import dev.solvent.risk.instrument.Checks;

/**
 * One notional bracket of a linear contract's margin schedule, as Binance and Bybit publish them ("leverage and
 * margin" tables): maintenance margin = notional × maintenanceRate − maintenanceAmount; initial margin =
 * notional / maxLeverage.
 *
 * @param notionalFloor lower bound of the bracket (USD), inclusive
 * @param notionalCap upper bound (USD), exclusive; {@link Double#POSITIVE_INFINITY} for the last bracket
 * @param maintenanceAmount the bracket's "cum" (USD) that makes the schedule continuous at the bracket floors
 */
public record MarginTier(double notionalFloor, double notionalCap, int maxLeverage, double maintenanceRate,
    double maintenanceAmount) {

  public MarginTier {
    Checks.nonNegative("notionalFloor", notionalFloor);
    if (!(notionalCap > notionalFloor)) {
      throw new IllegalArgumentException("notionalCap must exceed notionalFloor: " + notionalCap);
    }
    if (maxLeverage < 1) {
      throw new IllegalArgumentException("maxLeverage must be >= 1: " + maxLeverage);
    }
    Checks.fraction("maintenanceRate", maintenanceRate);
    if (maintenanceRate > 1.0 / maxLeverage) {
      throw new IllegalArgumentException("maintenance rate " + maintenanceRate + " exceeds initial rate 1/"
          + maxLeverage);
    }
    Checks.nonNegative("maintenanceAmount", maintenanceAmount);
  }

  public boolean contains(double notional) {
    return notional >= notionalFloor && notional < notionalCap;
  }

  public double maintenanceMargin(double notional) {
    return notional * maintenanceRate - maintenanceAmount;
  }

  public double initialMargin(double notional) {
    return notional / maxLeverage;
  }
}
