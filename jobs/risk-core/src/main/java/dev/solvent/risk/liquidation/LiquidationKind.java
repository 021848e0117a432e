package dev.solvent.risk.liquidation;

/**
 * What a liquidation order is. A plan is PARTIAL (restores the target ratio with positions left open) or FULL
 * (closes every position); an unfilled liquidation escalates to a REPLAN at the mark of its deadline, then to a
 * TAKEOVER of every position by the insurance fund.
 */
public enum LiquidationKind {
  PARTIAL,
  FULL,
  REPLAN,
  TAKEOVER
}
