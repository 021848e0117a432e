package dev.solvent.job.state;

import dev.solvent.avro.bids.AuctionBid;
import dev.solvent.job.model.AuctionStageInput;
import dev.solvent.job.model.BidInput;
import dev.solvent.schema.Topics;
import dev.solvent.schema.WireFormat;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** An input buffered by the auction stage: an account's health, or a bid (in its topic's wire format). */
public final class AuctionStageInputCodec implements StateCodec<AuctionStageInput> {

  private static final long serialVersionUID = 1L;
  public static final AuctionStageInputCodec INSTANCE = new AuctionStageInputCodec();
  private static final WireFormat<AuctionBid> BIDS = WireFormat.of(Topics.AUCTION_BIDS);

  @Override
  public String name() {
    return "auction-stage-input";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public Class<AuctionStageInput> type() {
    return AuctionStageInput.class;
  }

  @Override
  public void write(AuctionStageInput value, DataOutputView out) throws IOException {
    if (value instanceof AuctionStageInput.Health health) {
      out.writeByte(0);
      AuctionStateCodec.status(out, health.status());
    } else {
      BidInput bid = (BidInput) value;
      out.writeByte(1);
      Fields.avro(out, BIDS, bid.bid());
      Fields.source(out, bid.source());
    }
  }

  @Override
  public AuctionStageInput read(int version, DataInputView in) throws IOException {
    if (version != 1) {
      throw Fields.unknownVersion(name(), version);
    }
    int tag = in.readByte();
    return switch (tag) {
      case 0 -> new AuctionStageInput.Health(AuctionStateCodec.status(in));
      case 1 -> new BidInput(Fields.avro(in, BIDS), Fields.source(in));
      default -> throw Fields.unknownTag(name(), tag);
    };
  }
}
