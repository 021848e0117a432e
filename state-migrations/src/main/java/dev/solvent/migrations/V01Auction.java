package dev.solvent.migrations;

import dev.solvent.job.Stage;
import dev.solvent.job.auction.AuctionFunction;
import dev.solvent.job.common.EventTimeBuffer;
import dev.solvent.job.model.AuctionStageInput;
import dev.solvent.job.state.AuctionStageInputCodec;
import dev.solvent.job.state.AuctionStateCodec;
import dev.solvent.job.state.CodecSerializer;
import dev.solvent.risk.auction.AuctionState;
import dev.solvent.risk.lending.LendingStatus;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.util.Collector;

/**
 * The auction stage from v0.1 to the auction book's layout: the auction state becomes the core's
 * {@link AuctionState} (a finished auction keeps only its count, an account never auctioned nothing), the buffered
 * health reports and bids keep their content in codecs, and only the timers the new stage would have stay: those of
 * buffered inputs and the running auction's next step (v0.1 left the steps of ended auctions to fire idly).
 */
final class V01Auction {

  private static final CodecSerializer<AuctionState> STATE = new CodecSerializer<>(AuctionStateCodec.INSTANCE);
  private static final CodecSerializer<AuctionStageInput> INPUTS =
      new CodecSerializer<>(AuctionStageInputCodec.INSTANCE);

  private V01Auction() {}

  static StageMigration migration() {
    return new StageMigration(Stage.AUCTION, 1, new Reader(), new Writer(), List.of(
        "auction (v0.1 AuctionState, POJO) -> auctions (codec auction-state v1): an ended auction keeps its count only",
        "inputs (v0.1 AuctionInput, nullable pair) -> inputs (codec auction-stage-input v1): health or bid",
        "timers user-timers: buffered inputs and the running auction's next step (stale steps dropped)"));
  }

  static final class Reader extends KeyedStateReaderFunction<String, KeyedImage> {
    private static final long serialVersionUID = 1L;
    private transient V01Buffer<dev.solvent.job.model.AuctionInput> inputs;
    private transient ValueState<dev.solvent.job.auction.AuctionState> auction;

    @Override
    public void open(OpenContext context) {
      inputs = new V01Buffer<>(getRuntimeContext(), "inputs",
          TypeInformation.of(dev.solvent.job.model.AuctionInput.class));
      auction = getRuntimeContext().getState(new ValueStateDescriptor<>("auction",
          dev.solvent.job.auction.AuctionState.class));
    }

    @Override
    public void readKey(String key, Context ctx, Collector<KeyedImage> out) throws Exception {
      AuctionState state = convert(auction.value());
      var buffered = inputs.all();
      TreeSet<Long> timers = new TreeSet<>();
      buffered.forEach(b -> timers.add(b.time()));
      if (state != null && state.stepScheduled() && ctx.registeredEventTimeTimers().contains(state.nextStep())) {
        timers.add(state.nextStep());
      }
      out.collect(new KeyedImage(key, new Image.Writer().value(STATE, state)
          .longs(buffered.stream().map(V01Buffer.Buffered::time).toList())
          .list(INPUTS, buffered.stream().map(b -> convert(b.input())).toList())
          .longs(timers).bytes()));
    }
  }

  static AuctionState convert(dev.solvent.job.auction.AuctionState v01) {
    if (v01 == null) {
      return null;
    }
    AuctionState state = new AuctionState(v01.auctions(), v01.running(), v01.step(), v01.nextStep(),
        convert(v01.lastStatus()), v01.awaitingFill(), v01.settledAt(), v01.debtAtSettlement());
    if (!state.idle()) {
      return state;
    }
    return state.auctions() == 0 ? null : new AuctionState(state.auctions(), null, 0, 0, null, false, 0, 0);
  }

  static AuctionStageInput convert(dev.solvent.job.model.AuctionInput v01) {
    return v01.status() != null ? new AuctionStageInput.Health(convert(v01.status())) : v01.bid();
  }

  static LendingStatus convert(dev.solvent.job.model.LendingStatus s) {
    return s == null ? null : new LendingStatus(s.accountId(), s.time(), s.healthFactor(), s.collateralAsset(),
        s.collateralUnits(), s.collateralPrice(), s.debtAsset(), s.debtUnits(), s.debtPrice(),
        s.totalCollateralValue(), s.liquidationBonus(), s.protocolFeeRate());
  }

  static final class Writer implements ImageWriter.Stage {
    private static final long serialVersionUID = 1L;
    private transient ValueState<AuctionState> auctions;
    private transient EventTimeBuffer<AuctionStageInput> inputs;
    private transient InternalTimerService<VoidNamespace> timers;

    @Override
    public void open(ImageWriter operator) {
      auctions = operator.getRuntimeContext().getState(AuctionFunction.AUCTIONS);
      inputs = AuctionFunction.inputBuffer(operator.getRuntimeContext());
      timers = operator.timers("user-timers", VoidNamespaceSerializer.INSTANCE);
    }

    @Override
    public void write(ImageWriter operator, KeyedImage image) throws Exception {
      Image.Reader in = new Image.Reader(image.bytes());
      AuctionState state = in.value(STATE);
      List<Long> times = in.longs();
      List<AuctionStageInput> buffered = in.list(INPUTS);
      if (state != null) {
        auctions.update(state);
      }
      for (int i = 0; i < times.size(); i++) {
        inputs.add(times.get(i), buffered.get(i), time -> { });
      }
      for (long time : in.longs()) {
        timers.registerEventTimeTimer(VoidNamespace.INSTANCE, time);
      }
    }
  }
}
