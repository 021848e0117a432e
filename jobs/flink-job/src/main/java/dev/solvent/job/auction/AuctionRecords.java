package dev.solvent.job.auction;

import dev.solvent.avro.auction.AuctionEvent;
import dev.solvent.avro.auction.AuctionEventKind;
import dev.solvent.avro.bids.AuctionBid;
import dev.solvent.avro.deadletter.DeadLetter;
import dev.solvent.avro.deadletter.DeadLetterReason;
import dev.solvent.job.model.BidInput;
import dev.solvent.job.model.Rejected;
import dev.solvent.risk.auction.AuctionOutput;
import dev.solvent.schema.Topics;
import dev.solvent.schema.WireFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** The auction book's outputs as auction.events records and dead letters (field for field). */
final class AuctionRecords {

  private static final WireFormat<AuctionBid> BID_WIRE = WireFormat.of(Topics.AUCTION_BIDS);

  private AuctionRecords() {}

  static AuctionEvent event(AuctionOutput.Event event) {
    AuctionOutput.Offer o = event.offer();
    AuctionEvent.Builder record = AuctionEvent.newBuilder()
        .setAuctionId(o.auctionId())
        .setAccountId(o.accountId())
        .setEventTime(Instant.ofEpochMilli(o.time()))
        .setStep(o.step())
        .setKind(kind(event))
        .setCollateralAsset(o.collateralAsset())
        .setDebtAsset(o.debtAsset())
        .setAuctionPrice(o.auctionPrice())
        .setOraclePrice(o.oraclePrice())
        .setDebtToCover(o.debtToCover())
        .setCollateralOffered(o.collateralOffered())
        .setHealthFactor(o.healthFactor());
    if (event instanceof AuctionOutput.Settled s) {
      record.setLiquidator(s.liquidator()).setDebtRepaid(s.debtRepaid()).setCollateralSeized(s.collateralSeized())
          .setProtocolFee(s.protocolFee());
    }
    return record.build();
  }

  private static AuctionEventKind kind(AuctionOutput.Event event) {
    if (event instanceof AuctionOutput.Started) {
      return AuctionEventKind.STARTED;
    }
    if (event instanceof AuctionOutput.Stepped) {
      return AuctionEventKind.PRICE_STEP;
    }
    if (event instanceof AuctionOutput.Reset) {
      return AuctionEventKind.RESET;
    }
    if (event instanceof AuctionOutput.Cancelled) {
      return AuctionEventKind.CANCELLED;
    }
    return AuctionEventKind.SETTLED;
  }

  static Rejected rejected(BidInput input, long time, String detail) {
    byte[] value = BID_WIRE.encode(input.bid());
    return new Rejected(time, DeadLetter.newBuilder()
        .setSourceTopic(input.source().topic())
        .setPartition(input.source().partition())
        .setOffset(input.source().offset())
        .setEventTime(input.bid().getEventTime())
        .setReason(DeadLetterReason.INVALID)
        .setDetail(detail)
        .setKey(ByteBuffer.wrap(input.accountId().getBytes(StandardCharsets.UTF_8)))
        .setValue(ByteBuffer.wrap(value))
        .setValueSize(value.length)
        .build());
  }
}
