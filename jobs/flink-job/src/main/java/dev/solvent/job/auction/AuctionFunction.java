package dev.solvent.job.auction;

import dev.solvent.avro.auction.AuctionEvent;
import dev.solvent.avro.bids.Bid;
import dev.solvent.job.account.RiskSettings;
import dev.solvent.job.common.EventTimeBuffer;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.job.model.AuctionStageInput;
import dev.solvent.job.model.BidInput;
import dev.solvent.job.model.Rejected;
import dev.solvent.job.state.AuctionStageInputCodec;
import dev.solvent.job.state.AuctionStateCodec;
import dev.solvent.job.state.StateCodecs;
import dev.solvent.risk.auction.AuctionBook;
import dev.solvent.risk.auction.AuctionInput;
import dev.solvent.risk.auction.AuctionOutput;
import dev.solvent.risk.auction.AuctionState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * AUCTION stage (keyBy account), lending mode: buffers each account's health reports and bids until the watermark
 * passes them, steps its {@link AuctionBook} at each of its instants (inputs, or the running auction's step time),
 * emits the auction events, keeps the state (nothing once the account never had an auction) and moves the step timer.
 */
public final class AuctionFunction extends KeyedProcessFunction<String, AuctionStageInput, AuctionEvent> {

  private static final long serialVersionUID = 1L;
  public static final OutputTag<Rejected> REJECTED = new OutputTag<>("auction-rejected",
      TypeInformation.of(Rejected.class));
  /** The account's auctions. */
  public static final ValueStateDescriptor<AuctionState> AUCTIONS = new ValueStateDescriptor<>("auctions",
      StateCodecs.type(AuctionStateCodec.INSTANCE));
  public static final String INPUTS = "inputs";

  private final SolventConfig config;
  private transient EventTimeBuffer<AuctionStageInput> inputs;
  private transient ValueState<AuctionState> auctions;
  private transient AuctionBook book;

  public AuctionFunction(SolventConfig config) {
    this.config = config;
  }

  /** The buffer's state, as the operator and a savepoint migration create it; it releases in AuctionInput.ORDER. */
  public static EventTimeBuffer<AuctionStageInput> inputBuffer(RuntimeContext context) {
    return new EventTimeBuffer<>(context, INPUTS, StateCodecs.type(AuctionStageInputCodec.INSTANCE),
        Comparator.comparing(AuctionFunction::toCore, AuctionInput.ORDER));
  }

  @Override
  public void open(OpenContext context) {
    inputs = inputBuffer(getRuntimeContext());
    auctions = getRuntimeContext().getState(AUCTIONS);
    book = new AuctionBook(RiskSettings.auctions(config));
  }

  @Override
  public void processElement(AuctionStageInput input, Context ctx, Collector<AuctionEvent> out) throws Exception {
    inputs.add(input.time(), input, ctx.timerService()::registerEventTimeTimer);
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<AuctionEvent> out) throws Exception {
    List<AuctionStageInput> released = inputs.release(time);
    List<AuctionInput> coreInputs = new ArrayList<>(released.size());
    for (AuctionStageInput input : released) {
      coreInputs.add(toCore(input));
    }
    AuctionState stored = auctions.value();
    AuctionBook.Step step = book.step(stored, coreInputs, time);
    for (AuctionOutput output : step.outputs()) {
      if (output instanceof AuctionOutput.Event event) {
        out.collect(AuctionRecords.event(event));
      } else if (output instanceof AuctionOutput.BidRejected rejected) {
        ctx.output(REJECTED, AuctionRecords.rejected((BidInput) released.get(rejected.input()), time,
            rejected.detail()));
      }
    }
    if (step.state() == stored) {
      return;
    }
    moveStepTimer(stored, step.state(), time, ctx);
    if (step.state() == null) {
      auctions.clear();
    } else {
      auctions.update(step.state());
    }
  }

  private void moveStepTimer(AuctionState before, AuctionState after, long time, OnTimerContext ctx)
      throws Exception {
    long was = scheduled(before);
    long now = scheduled(after);
    if (was == now) {
      return;
    }
    if (now != Long.MIN_VALUE) {
      ctx.timerService().registerEventTimeTimer(now);
    }
    if (was != Long.MIN_VALUE && was > time && !inputs.holds(was)) {
      ctx.timerService().deleteEventTimeTimer(was); // the auction ended, or paused, before its next step
    }
  }

  private static long scheduled(AuctionState state) {
    return state == null || !state.stepScheduled() ? Long.MIN_VALUE : state.nextStep();
  }

  private static AuctionInput toCore(AuctionStageInput input) {
    if (input instanceof AuctionStageInput.Health health) {
      return new AuctionInput.Health(health.status());
    }
    Bid bid = ((BidInput) input).payload();
    return new AuctionInput.Bid(bid.getAuctionId(), bid.getAccountId(), bid.getLiquidator(), bid.getSequence(),
        bid.getPrice().doubleValue(), bid.getDebtToRepay().doubleValue());
  }
}
