package dev.solvent.job.netting;

import dev.solvent.avro.crosses.LiquidationCross;
import dev.solvent.avro.liquidation.LiquidationOrder;
import dev.solvent.avro.liquidation.Side;
import dev.solvent.job.common.EventTimeBuffer;
import dev.solvent.job.state.LiquidationOrderCodec;
import dev.solvent.job.state.StateCodecs;
import dev.solvent.risk.money.Money;
import dev.solvent.risk.netting.InternalNetting;
import dev.solvent.risk.netting.NettableOrder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * NETTING stage (keyBy instrument, with {@code liquidation.netting=on}): every liquidation order of an instrument and
 * instant is here once the watermark passes the instant, so opposing ones cross at the mark they were planned at
 * ({@link InternalNetting}) whatever the parallelism. The orders stay on {@code liquidation.orders} as planned (the
 * engine's decisions); the crosses go to {@code liquidation.crosses}, and the venue sends to market only what they
 * leave of each order (README "Internal netting").
 */
public final class NettingFunction extends KeyedProcessFunction<String, LiquidationOrder, LiquidationCross> {

  private static final long serialVersionUID = 1L;
  /** Quantities are at the wire's scale: any multiple of its unit is a whole number of it. */
  private static final BigDecimal UNIT = BigDecimal.ONE.movePointLeft(Money.SCALE);

  private transient EventTimeBuffer<LiquidationOrder> orders;

  @Override
  public void open(OpenContext context) {
    orders = new EventTimeBuffer<>(getRuntimeContext(), "orders", StateCodecs.type(LiquidationOrderCodec.INSTANCE),
        Comparator.comparing(o -> o.getOrderId()));
  }

  @Override
  public void processElement(LiquidationOrder order, Context ctx, Collector<LiquidationCross> out) throws Exception {
    orders.add(order.getEventTime().toEpochMilli(), order, ctx.timerService()::registerEventTimeTimer);
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<LiquidationCross> out) throws Exception {
    // Orders of one instant share the mark of the price they were planned on; grouped by it all the same.
    Map<BigDecimal, List<NettableOrder>> byMark = new TreeMap<>();
    for (LiquidationOrder o : orders.release(time)) {
      byMark.computeIfAbsent(o.getMarkPrice().stripTrailingZeros(), m -> new ArrayList<>()).add(new NettableOrder(
          o.getOrderId(), o.getAccountId(), o.getSide() == Side.BUY ? 1 : -1, o.getQuantity(), o.getLimitPrice()));
    }
    for (var group : byMark.entrySet()) {
      for (InternalNetting.Cross c : InternalNetting.net(group.getValue(), group.getKey(), UNIT).crosses()) {
        out.collect(LiquidationCross.newBuilder()
            .setCrossId("cross/" + c.sellOrderId() + "/" + c.buyOrderId())
            .setInstrumentId(ctx.getCurrentKey())
            .setEventTime(Instant.ofEpochMilli(time))
            .setSellOrderId(c.sellOrderId()).setSellAccountId(c.sellAccountId())
            .setBuyOrderId(c.buyOrderId()).setBuyAccountId(c.buyAccountId())
            .setQuantity(c.quantity().setScale(Money.SCALE, RoundingMode.UNNECESSARY))
            .setPrice(c.price().setScale(Money.SCALE, RoundingMode.UNNECESSARY))
            .build());
      }
    }
  }
}
