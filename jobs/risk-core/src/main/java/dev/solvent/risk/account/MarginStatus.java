package dev.solvent.risk.account;

/** Where an account's margin ratio stands. */
public enum MarginStatus {
  HEALTHY,
  /** Under the warning level: a margin call. */
  MARGIN_CALL,
  /** Under 1: liquidation. */
  LIQUIDATABLE,
  /** Equity at or under zero with positions open: the insurance fund takes the loss. */
  BANKRUPT
}
