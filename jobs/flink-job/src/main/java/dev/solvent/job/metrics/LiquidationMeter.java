package dev.solvent.job.metrics;

import dev.solvent.avro.liquidation.LiquidationKind;
import dev.solvent.avro.liquidation.LiquidationOrder;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/** liquidation.orders: orders, their value at mark and their penalties, by kind (partial, full, replan, takeover). */
public final class LiquidationMeter implements Meter<LiquidationOrder> {

  private static final long serialVersionUID = 1L;
  private transient Map<LiquidationKind, Counter> orders;
  private transient Map<LiquidationKind, UsdCounter> value;
  private transient Map<LiquidationKind, UsdCounter> penalties;

  @Override
  public void register(MetricGroup solvent) {
    orders = EnumCounters.register(solvent, "kind", LiquidationKind.class, "liquidation_orders");
    value = EnumCounters.registerUsd(solvent, "kind", LiquidationKind.class, "liquidation_value_usd");
    penalties = EnumCounters.registerUsd(solvent, "kind", LiquidationKind.class, "liquidation_penalty_usd");
  }

  @Override
  public void observe(LiquidationOrder order) {
    orders.get(order.getKind()).inc();
    value.get(order.getKind()).add(order.getQuantity().multiply(order.getMarkPrice()));
    penalties.get(order.getKind()).add(order.getPenalty());
  }
}
