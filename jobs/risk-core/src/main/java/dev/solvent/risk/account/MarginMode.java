package dev.solvent.risk.account;

/** How an account's margin is computed. */
public enum MarginMode {
  /** One wallet backs every position: tiered linear margin, standard option margin. */
  CROSS,
  /** Each position has its own margin; one position's loss never touches another's. */
  ISOLATED,
  /** One wallet, margin = worst scenario loss of the whole portfolio plus contingency charges. */
  PORTFOLIO,
  /** Collateral and loans: health factor, liquidated by third parties in Dutch auctions. */
  LENDING
}
