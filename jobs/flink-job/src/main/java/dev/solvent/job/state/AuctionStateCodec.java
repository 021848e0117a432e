package dev.solvent.job.state;

import dev.solvent.risk.auction.AuctionState;
import dev.solvent.risk.auction.DutchAuction;
import dev.solvent.risk.lending.LendingStatus;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A lending account's auction state: the count, the running auction, its schedule and the last health seen. */
public final class AuctionStateCodec implements StateCodec<AuctionState> {

  private static final long serialVersionUID = 1L;
  public static final AuctionStateCodec INSTANCE = new AuctionStateCodec();

  @Override
  public String name() {
    return "auction-state";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public Class<AuctionState> type() {
    return AuctionState.class;
  }

  @Override
  public void write(AuctionState s, DataOutputView out) throws IOException {
    out.writeLong(s.auctions());
    DutchAuction a = s.running();
    out.writeBoolean(a != null);
    if (a != null) {
      Fields.string(out, a.auctionId());
      Fields.string(out, a.accountId());
      out.writeLong(a.startMillis());
      out.writeDouble(a.top());
      Fields.string(out, a.collateralAsset());
      Fields.string(out, a.debtAsset());
      out.writeDouble(a.debtToCover());
      out.writeDouble(a.collateralOffered());
      out.writeInt(a.resets());
    }
    out.writeInt(s.step());
    out.writeLong(s.nextStep());
    out.writeBoolean(s.lastStatus() != null);
    if (s.lastStatus() != null) {
      status(out, s.lastStatus());
    }
    out.writeBoolean(s.awaitingFill());
    out.writeLong(s.settledAt());
    out.writeDouble(s.debtAtSettlement());
  }

  @Override
  public AuctionState read(int version, DataInputView in) throws IOException {
    if (version != 1) {
      throw Fields.unknownVersion(name(), version);
    }
    long auctions = in.readLong();
    DutchAuction running = in.readBoolean() ? new DutchAuction(Fields.string(in), Fields.string(in), in.readLong(),
        in.readDouble(), Fields.string(in), Fields.string(in), in.readDouble(), in.readDouble(), in.readInt()) : null;
    int step = in.readInt();
    long nextStep = in.readLong();
    LendingStatus status = in.readBoolean() ? status(in) : null;
    return new AuctionState(auctions, running, step, nextStep, status, in.readBoolean(), in.readLong(),
        in.readDouble());
  }

  static void status(DataOutputView out, LendingStatus s) throws IOException {
    Fields.string(out, s.accountId());
    out.writeLong(s.time());
    out.writeDouble(s.healthFactor());
    Fields.string(out, s.collateralAsset());
    out.writeDouble(s.collateralUnits());
    out.writeDouble(s.collateralPrice());
    Fields.string(out, s.debtAsset());
    out.writeDouble(s.debtUnits());
    out.writeDouble(s.debtPrice());
    out.writeDouble(s.totalCollateralValue());
    out.writeDouble(s.liquidationBonus());
    out.writeDouble(s.protocolFeeRate());
  }

  static LendingStatus status(DataInputView in) throws IOException {
    return new LendingStatus(Fields.string(in), in.readLong(), in.readDouble(), Fields.string(in), in.readDouble(),
        in.readDouble(), Fields.string(in), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
        in.readDouble());
  }
}
