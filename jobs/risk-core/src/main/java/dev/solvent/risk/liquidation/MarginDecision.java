package dev.solvent.risk.liquidation;

import dev.solvent.risk.account.MarginAssessment;

/** What the engine does about an account after valuing it. */
public sealed interface MarginDecision {

  MarginAssessment assessment();

  /** At or above the warning level. */
  record Healthy(MarginAssessment assessment) implements MarginDecision {}

  /** Under the warning level, at or above 1: warn. */
  record MarginCall(MarginAssessment assessment) implements MarginDecision {}

  /** Under 1: liquidate (or, in lending mode, auction: the plan is then empty). */
  record Liquidate(MarginAssessment assessment, LiquidationPlan plan) implements MarginDecision {}
}
