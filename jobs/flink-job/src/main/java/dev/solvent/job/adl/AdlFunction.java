package dev.solvent.job.adl;

import dev.solvent.avro.adl.AdlOrder;
import dev.solvent.avro.adl.Side;
import dev.solvent.job.common.EventTimeBuffer;
import dev.solvent.job.model.AdlInput;
import dev.solvent.job.model.AdlPosition;
import dev.solvent.job.model.AdlRequest;
import dev.solvent.risk.adl.AdlAllocation;
import dev.solvent.risk.adl.AdlCandidate;
import dev.solvent.risk.adl.AutoDeleveraging;
import dev.solvent.risk.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * ADL stage (keyBy instrument): keeps the positions in profit as the accounts last reported them, and
 * when the fund cannot cover a deficit, deleverages the top-ranked opposing profitable positions (PnL% × effective
 * leverage) at the bankrupt position's price, in whole lots, until the shortfall's quantity is covered.
 */
public final class AdlFunction extends KeyedProcessFunction<String, AdlInput, AdlOrder> {

  private static final long serialVersionUID = 1L;

  private transient EventTimeBuffer<AdlInput> inputs;
  private transient MapState<String, AdlPosition> positions;

  @Override
  public void open(OpenContext context) {
    inputs = new EventTimeBuffer<>(getRuntimeContext(), "inputs", TypeInformation.of(AdlInput.class),
        Comparator.comparingInt((AdlInput in) -> in.position() != null ? 0 : 1)
            .thenComparing(in -> in.position() != null ? in.position().accountId() : in.request().reference()));
    positions = getRuntimeContext().getMapState(new MapStateDescriptor<>("positions", Types.STRING,
        TypeInformation.of(AdlPosition.class)));
  }

  @Override
  public void processElement(AdlInput input, Context ctx, Collector<AdlOrder> out) throws Exception {
    inputs.add(input.position() != null ? input.position().time() : input.request().time(), input,
        ctx.timerService());
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<AdlOrder> out) throws Exception {
    for (AdlInput input : inputs.release(time)) {
      if (input.position() != null) {
        AdlPosition p = input.position();
        if (p.quantity() == 0) {
          positions.remove(p.accountId());
        } else {
          positions.put(p.accountId(), p);
        }
      } else {
        deleverage(input.request(), time, out);
      }
    }
  }

  private void deleverage(AdlRequest request, long time, Collector<AdlOrder> out) throws Exception {
    List<AdlCandidate> candidates = new ArrayList<>();
    List<String> outOfProfit = new ArrayList<>();
    for (AdlPosition p : positions.values()) {
      if (Math.signum(p.quantity()) * (request.price() - p.entryPrice()) <= 0) {
        outOfProfit.add(p.accountId()); // reported in profit, but not at today's price: out of the queue
      } else if (!p.accountId().equals(request.bankruptAccountId()) && Double.isFinite(p.bankruptcyPrice())) {
        candidates.add(new AdlCandidate(p.accountId(), p.instrumentId(), p.quantity(), p.entryPrice(), p.markPrice(),
            p.bankruptcyPrice()));
      }
    }
    for (String account : outOfProfit) {
      positions.remove(account);
    }
    List<AdlAllocation> allocations = AutoDeleveraging.allocate(candidates, request.bankruptSide(),
        request.quantity(), request.price(), request.lotSize());
    double total = allocations.stream().mapToDouble(AdlAllocation::quantity).sum();
    for (AdlAllocation a : allocations) {
      BigDecimal covered = Money.atScale(request.shortfall().multiply(BigDecimal.valueOf(a.quantity() / total)),
          RoundingMode.FLOOR);
      out.collect(AdlOrder.newBuilder()
          .setOrderId("adl/" + request.reference() + "/" + a.rank())
          .setInstrumentId(request.instrumentId())
          .setAccountId(a.candidate().accountId())
          .setEventTime(Instant.ofEpochMilli(time))
          .setSide(a.candidate().side() > 0 ? Side.SELL : Side.BUY)
          .setQuantity(BigDecimal.valueOf(a.quantity()).setScale(8, RoundingMode.DOWN))
          .setPrice(Money.fromDouble(a.price(), RoundingMode.HALF_EVEN))
          .setRank(a.rank())
          .setRankingScore(a.score())
          .setBankruptAccountId(request.bankruptAccountId())
          .setShortfallCovered(covered)
          .setFundId(request.fundId())
          .build());
    }
  }
}
