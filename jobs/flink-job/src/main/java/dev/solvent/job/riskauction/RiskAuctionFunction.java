package dev.solvent.job.riskauction;

import dev.solvent.avro.awards.RiskAuctionResult;
import dev.solvent.avro.deadletter.DeadLetterReason;
import dev.solvent.job.account.AccountEvents;
import dev.solvent.job.account.Rejections;
import dev.solvent.job.common.EventTimeBuffer;
import dev.solvent.job.model.Rejected;
import dev.solvent.job.model.RiskAuctionInput;
import dev.solvent.job.state.RiskAuctionInputCodec;
import dev.solvent.job.state.StateCodecs;
import dev.solvent.risk.book.SealedBids;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * RISK_AUCTION stage (liquidation.risk-auction=true; keyed by offer): holds an offer and the bids its providers'
 * accounts judged, in event-time order, and at the offer's close hands them to {@link SealedBids}; the result goes to
 * risk.awards (the venue books a winner's transfer; without one the account stage liquidates after its grace). A
 * bid for an offer that is not open (unknown, or already closed) is a dead letter.
 */
public final class RiskAuctionFunction extends KeyedProcessFunction<String, RiskAuctionInput, RiskAuctionResult> {

  private static final long serialVersionUID = 1L;
  public static final OutputTag<Rejected> REJECTED = new OutputTag<>("risk-auction-rejected",
      TypeInformation.of(Rejected.class));

  /** One instant's inputs: the offer first, then bids by provider and sequence. */
  private static final Comparator<RiskAuctionInput> ORDER = Comparator
      .comparingInt((RiskAuctionInput in) -> in instanceof RiskAuctionInput.Offer ? 0 : 1)
      .thenComparing(in -> in instanceof RiskAuctionInput.Assessed a ? a.input().accountId() : "")
      .thenComparingLong(in -> in instanceof RiskAuctionInput.Assessed a ? a.input().sequence() : 0);

  private final long graceMillis;
  private final Set<String> providers;
  private final BigDecimal reserve;
  private transient EventTimeBuffer<RiskAuctionInput> inputs;
  private transient ValueState<RiskAuctionInput> offer;
  private transient ListState<RiskAuctionInput> bids;

  /**
   * @param graceMillis how long after the close the venue has to book a winner's transfer
   * @param providers the registered backstop providers' accounts
   * @param reserve the reserve price's distance below the equity, in maintenance margins
   */
  public RiskAuctionFunction(long graceMillis, Collection<String> providers, double reserve) {
    this.graceMillis = graceMillis;
    this.providers = Set.copyOf(providers);
    this.reserve = BigDecimal.valueOf(reserve);
  }

  @Override
  public void open(OpenContext context) {
    TypeInformation<RiskAuctionInput> type = StateCodecs.type(RiskAuctionInputCodec.INSTANCE);
    inputs = new EventTimeBuffer<>(getRuntimeContext(), "inputs", type, ORDER);
    offer = getRuntimeContext().getState(new ValueStateDescriptor<>("offer", type));
    bids = getRuntimeContext().getListState(new ListStateDescriptor<>("bids", type));
  }

  @Override
  public void processElement(RiskAuctionInput input, Context ctx, Collector<RiskAuctionResult> out)
      throws Exception {
    inputs.add(input.time(), input, ctx.timerService()::registerEventTimeTimer);
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<RiskAuctionResult> out) throws Exception {
    for (RiskAuctionInput input : inputs.release(time)) {
      if (input instanceof RiskAuctionInput.Offer o) {
        offer.update(o);
        ctx.timerService().registerEventTimeTimer(o.offer().getClosesAt().toEpochMilli());
      } else {
        RiskAuctionInput.Assessed bid = (RiskAuctionInput.Assessed) input;
        if (!providers.contains(bid.input().accountId())) {
          refuse(bid, time, ctx, "account " + bid.input().accountId()
              + " is not a registered backstop provider (liquidation.risk-auction.providers)");
        } else if (offer.value() == null) {
          refuse(bid, time, ctx, "no open offer " + bid.offerId() + " (unknown, or closed before the bid)");
        } else {
          bids.add(bid);
        }
      }
    }
    RiskAuctionInput.Offer open = (RiskAuctionInput.Offer) offer.value();
    if (open != null && open.offer().getClosesAt().toEpochMilli() == time) {
      List<SealedBids.Judged> judged = new ArrayList<>();
      for (RiskAuctionInput in : bids.get()) {
        RiskAuctionInput.Assessed a = (RiskAuctionInput.Assessed) in;
        judged.add(new SealedBids.Judged(AccountEvents.bid(a.input().portfolioBid()), a.acceptable()));
      }
      out.collect(RiskAuctionRecords.result(open.offer(),
          SealedBids.close(RiskAuctionRecords.offer(open.offer()), judged, reserve), graceMillis));
      offer.clear();
      bids.clear();
    }
  }

  private static void refuse(RiskAuctionInput.Assessed bid, long time, OnTimerContext ctx, String detail) {
    ctx.output(REJECTED, Rejections.of(bid.input(), time, DeadLetterReason.INVALID, detail));
  }
}
