package dev.solvent.risk.liquidation;

/** PARTIAL restores the target ratio with positions left open; FULL closes every position. */
public enum LiquidationKind {
  PARTIAL,
  FULL
}
