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
import dev.solvent.risk.book.AccountEvent;
import dev.solvent.risk.book.SealedBids;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
  private final java.util.Set<String> providers;
  private final java.math.BigDecimal reserve;
  private transient EventTimeBuffer<RiskAuctionInput> inputs;
  private transient ValueState<RiskAuctionInput> offer;
  private transient ListState<RiskAuctionInput> bids;

  /**
   * @param graceMillis how long after the close the venue has to book a winner's transfer
   * @param providers the registered backstop providers' accounts
   * @param reserve the reserve price's distance below the equity, in maintenance margins
   */
  public RiskAuctionFunction(long graceMillis, java.util.Set<String> providers, double reserve) {
    this.graceMillis = graceMillis;
    this.providers = java.util.Set.copyOf(providers);
    this.reserve = java.math.BigDecimal.valueOf(reserve);
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
      } else if (!providers.contains(((RiskAuctionInput.Assessed) input).input().accountId())) {
        RiskAuctionInput.Assessed bid = (RiskAuctionInput.Assessed) input;
        ctx.output(REJECTED, Rejections.of(bid.input(), time, DeadLetterReason.INVALID, "account "
            + bid.input().accountId() + " is not a registered backstop provider (liquidation.risk-auction.providers)"));
      } else if (offer.value() == null) {
        RiskAuctionInput.Assessed bid = (RiskAuctionInput.Assessed) input;
        ctx.output(REJECTED, Rejections.of(bid.input(), time, DeadLetterReason.INVALID, "no open offer "
            + bid.offerId() + " (unknown, or closed before the bid)"));
      } else {
        bids.add(input);
      }
    }
    RiskAuctionInput.Offer open = (RiskAuctionInput.Offer) offer.value();
    if (open != null && open.offer().getClosesAt().toEpochMilli() == time) {
      List<SealedBids.Judged> judged = new ArrayList<>();
      for (RiskAuctionInput in : bids.get()) {
        RiskAuctionInput.Assessed a = (RiskAuctionInput.Assessed) in;
        judged.add(new SealedBids.Judged((AccountEvent.BidPlaced) AccountEvents.bid(a.input().portfolioBid()),
            a.acceptable()));
      }
      out.collect(RiskAuctionRecords.result(open.offer(),
          SealedBids.close(RiskAuctionRecords.offer(open.offer()), judged, reserve), graceMillis));
      offer.clear();
      bids.clear();
    }
  }
}
