package dev.solvent.job.metrics;

import dev.solvent.avro.adl.AdlOrder;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/** adl.orders: auto-deleveraging orders and the value they close at the bankruptcy price. */
public final class AdlMeter implements Meter<AdlOrder> {

  private static final long serialVersionUID = 1L;
  private transient Counter orders;
  private transient UsdCounter value;

  @Override
  public void register(MetricGroup solvent) {
    orders = solvent.counter("adl_orders");
    value = new UsdCounter(solvent.counter("adl_value_usd"));
  }

  @Override
  public void observe(AdlOrder order) {
    orders.inc();
    value.add(order.getQuantity().multiply(order.getPrice()));
  }
}
