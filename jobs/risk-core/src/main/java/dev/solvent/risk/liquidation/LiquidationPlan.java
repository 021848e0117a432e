package dev.solvent.risk.liquidation;

import java.util.List;

/**
 * The reductions that bring an account back to its target margin ratio, with the ratio before and the ratio after
 * the orders fill at the mark and the penalties are paid.
 */
public record LiquidationPlan(LiquidationKind kind, double ratioBefore, double ratioAfter, double targetRatio,
    double equityAfter, double maintenanceAfter, List<PlannedOrder> orders) {

  public LiquidationPlan {
    orders = List.copyOf(orders);
  }

  public double totalPenalty() {
    return orders.stream().mapToDouble(PlannedOrder::penalty).sum();
  }
}
