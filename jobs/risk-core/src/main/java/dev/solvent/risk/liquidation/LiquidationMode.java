package dev.solvent.risk.liquidation;

/** How much of an account under maintenance is liquidated. */
public enum LiquidationMode {
  /** The smallest reduction that restores the target ratio (full only when that cannot). */
  PARTIAL,
  /** Every position, whatever the ratio. */
  FULL
}
