package dev.solvent.risk.liquidation;

import dev.solvent.risk.account.Account;
import dev.solvent.risk.account.MarginAssessment;
import dev.solvent.risk.account.MarginCalculator;
import dev.solvent.risk.account.MarketState;
import dev.solvent.risk.instrument.Instrument;
import java.util.Map;

/** Values an account and decides: healthy, margin call, or liquidate with a plan. */
public final class LiquidationPolicy {

  private final MarginCalculator calculator;
  private final PartialLiquidationPlanner planner;

  public LiquidationPolicy(MarginCalculator calculator) {
    this.calculator = calculator;
    this.planner = new PartialLiquidationPlanner(calculator);
  }

  public MarginDecision decide(Account account, Map<String, Instrument> instruments, MarketState market) {
    MarginAssessment assessment = calculator.assess(account, instruments, market);
    if (assessment.liquidatable()) {
      LiquidationPlan plan = planner.plan(account, instruments, market).orElseGet(() -> new LiquidationPlan(
          LiquidationKind.FULL, assessment.marginRatio(), assessment.marginRatio(),
          calculator.parameters().targetRatio(), assessment.equity(), assessment.maintenanceMargin(),
          java.util.List.of()));
      return new MarginDecision.Liquidate(assessment, plan);
    }
    return switch (assessment.status()) {
      case MARGIN_CALL -> new MarginDecision.MarginCall(assessment);
      default -> new MarginDecision.Healthy(assessment);
    };
  }
}
