package dev.solvent.job.auction;

import dev.solvent.avro.auction.AuctionEvent;
import dev.solvent.avro.auction.AuctionEventKind;
import dev.solvent.avro.bids.Bid;
import dev.solvent.avro.deadletter.DeadLetterReason;
import dev.solvent.job.common.EventTimeBuffer;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.job.model.AuctionInput;
import dev.solvent.job.model.BidInput;
import dev.solvent.job.model.LendingStatus;
import dev.solvent.job.model.Rejected;
import dev.solvent.risk.auction.DutchAuction;
import dev.solvent.risk.auction.DutchAuctionCurve;
import dev.solvent.risk.lending.LendingLiquidation;
import dev.solvent.risk.lending.LendingRules;
import dev.solvent.risk.money.Money;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Comparator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * AUCTION stage (keyBy account), lending mode: a Dutch auction of the account's largest collateral starts when its
 * health factor falls under 1, steps its price on event-time timers, settles with the first bid at or above the
 * current price (the earliest profitable liquidator wins the race), resets when too old or too far under the oracle,
 * and is cancelled when the account is healthy again. Every step is an auction event.
 */
public final class AuctionFunction extends KeyedProcessFunction<String, AuctionInput, AuctionEvent> {

  private static final long serialVersionUID = 1L;
  public static final OutputTag<Rejected> REJECTED = new OutputTag<>("auction-rejected",
      TypeInformation.of(Rejected.class));

  private static final dev.solvent.schema.WireFormat<dev.solvent.avro.bids.AuctionBid> BID_WIRE =
      dev.solvent.schema.WireFormat.of(dev.solvent.schema.Topics.AUCTION_BIDS);

  private final SolventConfig config;
  private transient DutchAuctionCurve curve;
  private final double startPremium;
  private final long maxAge;
  private final double maxDiscount;
  private transient EventTimeBuffer<AuctionInput> inputs;
  private transient ValueState<AuctionState> state;
  private transient LendingLiquidation lending;

  public AuctionFunction(SolventConfig config) {
    this.config = config;
    this.startPremium = config.get(SolventConfig.AUCTION_START_PREMIUM);
    this.maxAge = config.get(SolventConfig.AUCTION_MAX_AGE);
    this.maxDiscount = config.get(SolventConfig.AUCTION_MAX_DISCOUNT);
  }

  @Override
  public void open(OpenContext context) {
    long step = config.get(SolventConfig.AUCTION_STEP);
    curve = config.get(SolventConfig.AUCTION_CURVE) == dev.solvent.risk.auction.CurveShape.LINEAR
        ? new DutchAuctionCurve.Linear(config.get(SolventConfig.AUCTION_DURATION), step)
        : new DutchAuctionCurve.Exponential(config.get(SolventConfig.AUCTION_CUT), step);
    inputs = new EventTimeBuffer<>(getRuntimeContext(), "inputs", TypeInformation.of(AuctionInput.class),
        Comparator.comparingInt((AuctionInput in) -> in.status() != null ? 0 : 1)
            .thenComparingLong(in -> in.bid() != null ? ((Bid) in.bid().bid().getPayload()).getSequence() : 0)
            .thenComparing(in -> in.bid() != null ? ((Bid) in.bid().bid().getPayload()).getLiquidator() : ""));
    state = getRuntimeContext().getState(new ValueStateDescriptor<>("auction", AuctionState.class));
    lending = new LendingLiquidation(LendingRules.AAVE_V3_3);
  }

  @Override
  public void processElement(AuctionInput input, Context ctx, Collector<AuctionEvent> out) throws Exception {
    long time = input.status() != null ? input.status().time() : input.bid().bid().getEventTime().toEpochMilli();
    inputs.add(time, input, ctx.timerService());
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<AuctionEvent> out) throws Exception {
    AuctionState s = state.value() == null ? AuctionState.NONE : state.value();
    for (AuctionInput input : inputs.release(time)) {
      s = input.status() != null ? onStatus(s, input.status(), time, ctx, out) : onBid(s, input.bid(), time, ctx, out);
    }
    if (s.running() != null && time == s.nextStep()) {
      s = onStep(s, time, ctx, out);
    }
    state.update(s);
  }

  private AuctionState onStatus(AuctionState s, LendingStatus status, long time, OnTimerContext ctx,
      Collector<AuctionEvent> out) {
    boolean underwater = status.healthFactor() < 1;
    if (s.awaitingFill()) {
      boolean filled = status.debtUnits() != s.debtAtSettlement();
      if (!filled && time - s.settledAt() <= maxAge) {
        return new AuctionState(s.auctions(), null, s.step(), 0, status, true, s.settledAt(), s.debtAtSettlement());
      }
      s = new AuctionState(s.auctions(), null, s.step(), 0, status, false, 0, 0);
    }
    if (s.running() == null) {
      if (!underwater || status.collateralUnits() <= 0 || status.debtUnits() <= 0) {
        return new AuctionState(s.auctions(), null, 0, 0, status, false, 0, 0);
      }
      long number = s.auctions() + 1;
      DutchAuction auction = new DutchAuction(ctx.getCurrentKey() + "/" + number, ctx.getCurrentKey(), time,
          DutchAuctionCurve.top(oraclePrice(status), startPremium), status.collateralAsset(), status.debtAsset(),
          lending.maxRepayable(status.healthFactor(), status.debtUnits(), status.debtPrice(),
              status.totalCollateralValue()), status.collateralUnits(), 0);
      out.collect(event(auction, 0, AuctionEventKind.STARTED, time, status));
      ctx.timerService().registerEventTimeTimer(time + curve.stepMillis());
      return new AuctionState(number, auction, 0, time + curve.stepMillis(), status, false, 0, 0);
    }
    if (!underwater) {
      out.collect(event(s.running(), s.step() + 1, AuctionEventKind.CANCELLED, time, status));
      return new AuctionState(s.auctions(), null, 0, 0, status, false, 0, 0);
    }
    if (s.nextStep() == Long.MIN_VALUE) {
      ctx.timerService().registerEventTimeTimer(time + curve.stepMillis()); // valued again: resume stepping
      return new AuctionState(s.auctions(), s.running(), s.step(), time + curve.stepMillis(), status, false, 0, 0);
    }
    return new AuctionState(s.auctions(), s.running(), s.step(), s.nextStep(), status, false, 0, 0);
  }

  private AuctionState onStep(AuctionState s, long time, OnTimerContext ctx, Collector<AuctionEvent> out) {
    DutchAuction auction = s.running();
    LendingStatus status = s.lastStatus();
    if (time - status.time() > maxAge) {
      // No valuation of the account for longer than an auction may live (the oracle went silent, or a replay
      // ended): stop stepping until one arrives, rather than reset forever on stale prices.
      return new AuctionState(s.auctions(), auction, s.step(), Long.MIN_VALUE, status, false, 0, 0);
    }
    double price = auction.price(curve, time);
    int step = s.step() + 1;
    if (DutchAuctionCurve.needsReset(time - auction.startMillis(), price, oraclePrice(status), maxAge, maxDiscount)) {
      auction = auction.reset(time, DutchAuctionCurve.top(oraclePrice(status), startPremium),
          lending.maxRepayable(status.healthFactor(), status.debtUnits(), status.debtPrice(),
              status.totalCollateralValue()), status.collateralUnits());
      out.collect(event(auction, step, AuctionEventKind.RESET, time, status));
    } else {
      out.collect(event(auction, step, AuctionEventKind.PRICE_STEP, time, status));
    }
    ctx.timerService().registerEventTimeTimer(time + curve.stepMillis());
    return new AuctionState(s.auctions(), auction, step, time + curve.stepMillis(), status, false, 0, 0);
  }

  private AuctionState onBid(AuctionState s, BidInput input, long time, OnTimerContext ctx,
      Collector<AuctionEvent> out) {
    Bid bid = (Bid) input.bid().getPayload();
    DutchAuction auction = s.running();
    if (auction == null || !auction.auctionId().equals(bid.getAuctionId())) {
      if (s.auctions() == 0) {
        ctx.output(REJECTED, rejected(input, time, "no auction was ever run for account " + bid.getAccountId()));
      }
      return s; // a bid that lost the race, or came after its auction: nothing to do
    }
    double price = auction.price(curve, time);
    if (!auction.acceptable(curve, time, bid.getPrice().doubleValue())) {
      return s;
    }
    LendingStatus status = s.lastStatus();
    double repaid = Math.min(bid.getDebtToRepay().doubleValue(), auction.debtToCover());
    double seized = repaid / price;
    if (seized > auction.collateralOffered()) {
      seized = auction.collateralOffered();
      repaid = seized * price;
    }
    // The liquidator's gain over the oracle value of what it repaid is the auction's bonus; the protocol takes its share.
    double atOracle = repaid / oraclePrice(status);
    double fee = Math.max(0, seized - atOracle) * status.protocolFeeRate();
    out.collect(AuctionEvent.newBuilder(event(auction, s.step() + 1, AuctionEventKind.SETTLED, time, status))
        .setLiquidator(bid.getLiquidator())
        .setDebtRepaid(Money.requirement(repaid))
        .setCollateralSeized(Money.entitlement(seized))
        .setProtocolFee(Money.entitlement(fee))
        .build());
    return new AuctionState(s.auctions(), null, s.step() + 1, 0, status, true, time, status.debtUnits());
  }

  private AuctionEvent event(DutchAuction auction, int step, AuctionEventKind kind, long time, LendingStatus status) {
    return AuctionEvent.newBuilder()
        .setAuctionId(auction.auctionId())
        .setAccountId(auction.accountId())
        .setEventTime(Instant.ofEpochMilli(time))
        .setStep(step)
        .setKind(kind)
        .setCollateralAsset(auction.collateralAsset())
        .setDebtAsset(auction.debtAsset())
        .setAuctionPrice(Money.fromDouble(auction.price(curve, time), RoundingMode.HALF_EVEN))
        .setOraclePrice(Money.fromDouble(oraclePrice(status), RoundingMode.HALF_EVEN))
        .setDebtToCover(Money.requirement(auction.debtToCover()))
        .setCollateralOffered(Money.entitlement(auction.collateralOffered()))
        .setHealthFactor(Double.isFinite(status.healthFactor()) ? status.healthFactor() : 0)
        .build();
  }

  /** Collateral priced in the debt asset. */
  private static double oraclePrice(LendingStatus status) {
    return status.collateralPrice() / status.debtPrice();
  }

  private static Rejected rejected(BidInput input, long time, String detail) {
    return new Rejected(time, dev.solvent.avro.deadletter.DeadLetter.newBuilder()
        .setSourceTopic(input.source().topic())
        .setPartition(input.source().partition())
        .setOffset(input.source().offset())
        .setEventTime(input.bid().getEventTime())
        .setReason(DeadLetterReason.INVALID)
        .setDetail(detail)
        .setKey(ByteBuffer.wrap(input.bid().getPayload() instanceof Bid b
            ? b.getAccountId().getBytes(java.nio.charset.StandardCharsets.UTF_8) : new byte[0]))
        .setValue(ByteBuffer.wrap(BID_WIRE.encode(input.bid())))
        .setValueSize(BID_WIRE.encode(input.bid()).length)
        .build());
  }
}
