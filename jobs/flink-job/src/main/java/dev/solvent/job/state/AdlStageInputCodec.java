package dev.solvent.job.state;

import dev.solvent.job.model.AdlRequest;
import dev.solvent.job.model.AdlStageInput;
import dev.solvent.risk.adl.AdlPosition;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** An input buffered by the ADL stage: a position's report, or a shortfall to cover. */
public final class AdlStageInputCodec implements StateCodec<AdlStageInput> {

  private static final long serialVersionUID = 1L;
  public static final AdlStageInputCodec INSTANCE = new AdlStageInputCodec();

  @Override
  public String name() {
    return "adl-stage-input";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public Class<AdlStageInput> type() {
    return AdlStageInput.class;
  }

  @Override
  public void write(AdlStageInput value, DataOutputView out) throws IOException {
    if (value instanceof AdlStageInput.Position p) {
      out.writeByte(0);
      Positions.INSTANCE.write(p.position(), out);
    } else {
      AdlRequest r = (AdlRequest) value;
      out.writeByte(1);
      Fields.string(out, r.instrumentId());
      out.writeLong(r.time());
      Fields.string(out, r.fundId());
      Fields.string(out, r.bankruptAccountId());
      out.writeInt(r.bankruptSide());
      out.writeDouble(r.quantity());
      out.writeDouble(r.price());
      out.writeDouble(r.lotSize());
      Fields.decimal(out, r.shortfall());
      Fields.string(out, r.reference());
    }
  }

  @Override
  public AdlStageInput read(int version, DataInputView in) throws IOException {
    if (version != 1) {
      throw Fields.unknownVersion(name(), version);
    }
    int tag = in.readByte();
    return switch (tag) {
      case 0 -> new AdlStageInput.Position(Positions.INSTANCE.read(1, in));
      case 1 -> new AdlRequest(Fields.string(in), in.readLong(), Fields.string(in), Fields.string(in), in.readInt(),
          in.readDouble(), in.readDouble(), in.readDouble(), Fields.decimal(in), Fields.string(in));
      default -> throw Fields.unknownTag(name(), tag);
    };
  }

  /** A position as the ADL stage keeps it for ranking. */
  public static final class Positions implements StateCodec<AdlPosition> {

    private static final long serialVersionUID = 1L;
    public static final Positions INSTANCE = new Positions();

    @Override
    public String name() {
      return "adl-position";
    }

    @Override
    public int version() {
      return 1;
    }

    @Override
    public Class<AdlPosition> type() {
      return AdlPosition.class;
    }

    @Override
    public void write(AdlPosition p, DataOutputView out) throws IOException {
      Fields.string(out, p.instrumentId());
      Fields.string(out, p.accountId());
      out.writeLong(p.time());
      out.writeDouble(p.quantity());
      out.writeDouble(p.entryPrice());
      out.writeDouble(p.markPrice());
      out.writeDouble(p.bankruptcyPrice());
    }

    @Override
    public AdlPosition read(int version, DataInputView in) throws IOException {
      if (version != 1) {
        throw Fields.unknownVersion(name(), version);
      }
      return new AdlPosition(Fields.string(in), Fields.string(in), in.readLong(), in.readDouble(), in.readDouble(),
          in.readDouble(), in.readDouble());
    }
  }
}
