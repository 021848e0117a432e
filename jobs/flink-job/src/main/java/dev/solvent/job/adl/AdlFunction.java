package dev.solvent.job.adl;

import dev.solvent.avro.adl.AdlOrder;
import dev.solvent.avro.adl.Side;
import dev.solvent.job.common.EventTimeBuffer;
import dev.solvent.job.model.AdlRequest;
import dev.solvent.job.model.AdlStageInput;
import dev.solvent.job.state.AdlStageInputCodec;
import dev.solvent.job.state.StateCodecs;
import dev.solvent.risk.adl.AdlAllocation;
import dev.solvent.risk.adl.AdlCandidate;
import dev.solvent.risk.adl.AdlPosition;
import dev.solvent.risk.adl.AutoDeleveraging;
import dev.solvent.risk.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * ADL stage (keyBy instrument): keeps the positions in profit as the accounts last reported them, and
 * when the fund cannot cover a deficit, deleverages the top-ranked opposing profitable positions (PnL% × effective
 * leverage) at the bankrupt position's price, in whole lots, until the shortfall's quantity is covered.
 */
public final class AdlFunction extends KeyedProcessFunction<String, AdlStageInput, AdlOrder> {

  private static final long serialVersionUID = 1L;
  public static final String INPUTS = "inputs";
  /** The latest reported position of each account in the instrument. */
  public static final MapStateDescriptor<String, AdlPosition> POSITIONS = new MapStateDescriptor<>("positions",
      Types.STRING, StateCodecs.type(AdlStageInputCodec.Positions.INSTANCE));

  private transient EventTimeBuffer<AdlStageInput> inputs;
  private transient MapState<String, AdlPosition> positions;

  /** The buffer's state, as the operator and a savepoint migration create it: positions first, by account. */
  public static EventTimeBuffer<AdlStageInput> inputBuffer(RuntimeContext context) {
    return new EventTimeBuffer<>(context, INPUTS, StateCodecs.type(AdlStageInputCodec.INSTANCE),
        Comparator.comparingInt((AdlStageInput in) -> in instanceof AdlStageInput.Position ? 0 : 1)
            .thenComparing(in -> in instanceof AdlStageInput.Position p ? p.position().accountId()
                : ((AdlRequest) in).reference()));
  }

  @Override
  public void open(OpenContext context) {
    inputs = inputBuffer(getRuntimeContext());
    positions = getRuntimeContext().getMapState(POSITIONS);
  }

  @Override
  public void processElement(AdlStageInput input, Context ctx, Collector<AdlOrder> out) throws Exception {
    inputs.add(input.time(), input, ctx.timerService()::registerEventTimeTimer);
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<AdlOrder> out) throws Exception {
    for (AdlStageInput input : inputs.release(time)) {
      if (input instanceof AdlStageInput.Position reported) {
        AdlPosition p = reported.position();
        if (p.isClosed()) {
          positions.remove(p.accountId());
        } else {
          positions.put(p.accountId(), p);
        }
      } else {
        deleverage((AdlRequest) input, time, out);
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
