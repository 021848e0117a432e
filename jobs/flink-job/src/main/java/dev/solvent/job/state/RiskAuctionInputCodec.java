package dev.solvent.job.state;

import dev.solvent.avro.offers.PortfolioOffer;
import dev.solvent.job.model.RiskAuctionInput;
import dev.solvent.schema.Topics;
import dev.solvent.schema.WireFormat;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** An input buffered by the risk-auction stage: an offer, or an assessed bid (records in their wire formats). */
public final class RiskAuctionInputCodec implements StateCodec<RiskAuctionInput> {

  private static final long serialVersionUID = 1L;
  public static final RiskAuctionInputCodec INSTANCE = new RiskAuctionInputCodec();
  private static final WireFormat<PortfolioOffer> OFFERS = WireFormat.of(Topics.RISK_OFFERS);

  @Override
  public String name() {
    return "risk-auction-input";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public Class<RiskAuctionInput> type() {
    return RiskAuctionInput.class;
  }

  @Override
  public void write(RiskAuctionInput value, DataOutputView out) throws IOException {
    if (value instanceof RiskAuctionInput.Offer offer) {
      out.writeByte(0);
      Fields.avro(out, OFFERS, offer.offer());
    } else {
      RiskAuctionInput.Assessed bid = (RiskAuctionInput.Assessed) value;
      out.writeByte(1);
      out.writeLong(bid.time());
      out.writeInt(AccountInputCodec.INSTANCE.version()); // the bid in the account stage's own layout, and which
      AccountInputCodec.INSTANCE.write(bid.input(), out);
      out.writeBoolean(bid.acceptable());
      out.writeBoolean(bid.reason() != null);
      if (bid.reason() != null) {
        Fields.string(out, bid.reason());
      }
    }
  }

  @Override
  public RiskAuctionInput read(int version, DataInputView in) throws IOException {
    if (version != 1) {
      throw Fields.unknownVersion(name(), version);
    }
    int tag = in.readByte();
    return switch (tag) {
      case 0 -> new RiskAuctionInput.Offer(Fields.avro(in, OFFERS));
      case 1 -> {
        long time = in.readLong();
        var input = AccountInputCodec.INSTANCE.read(in.readInt(), in);
        boolean acceptable = in.readBoolean();
        yield new RiskAuctionInput.Assessed(time, input, acceptable, in.readBoolean() ? Fields.string(in) : null);
      }
      default -> throw Fields.unknownTag(name(), tag);
    };
  }
}
