package dev.solvent.job.state;

import dev.solvent.job.exposure.Holding;
import dev.solvent.job.model.ExposureStageInput;
import dev.solvent.job.model.HoldingChange;
import dev.solvent.job.model.InstrumentTick;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** An input buffered by the exposure stage: a holding change, or an instrument's revaluation. */
public final class ExposureStageInputCodec implements StateCodec<ExposureStageInput> {

  private static final long serialVersionUID = 1L;
  public static final ExposureStageInputCodec INSTANCE = new ExposureStageInputCodec();

  @Override
  public String name() {
    return "exposure-stage-input";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public Class<ExposureStageInput> type() {
    return ExposureStageInput.class;
  }

  @Override
  public void write(ExposureStageInput value, DataOutputView out) throws IOException {
    if (value instanceof HoldingChange c) {
      out.writeByte(0);
      Fields.string(out, c.instrumentId());
      Fields.string(out, c.accountId());
      out.writeLong(c.time());
      out.writeLong(c.sequence());
      Fields.decimal(out, c.quantity());
      Fields.decimal(out, c.debt());
    } else {
      InstrumentTick t = (InstrumentTick) value;
      out.writeByte(1);
      Fields.string(out, t.instrumentId());
      out.writeLong(t.time());
    }
  }

  @Override
  public ExposureStageInput read(int version, DataInputView in) throws IOException {
    if (version != 1) {
      throw Fields.unknownVersion(name(), version);
    }
    int tag = in.readByte();
    return switch (tag) {
      case 0 -> new HoldingChange(Fields.string(in), Fields.string(in), in.readLong(), in.readLong(),
          Fields.decimal(in), Fields.decimal(in));
      case 1 -> new InstrumentTick(Fields.string(in), in.readLong());
      default -> throw Fields.unknownTag(name(), tag);
    };
  }

  /** What one account holds of the stage's instrument. */
  public static final class HoldingCodec implements StateCodec<Holding> {

    private static final long serialVersionUID = 1L;
    public static final HoldingCodec INSTANCE = new HoldingCodec();

    @Override
    public String name() {
      return "holding";
    }

    @Override
    public int version() {
      return 1;
    }

    @Override
    public Class<Holding> type() {
      return Holding.class;
    }

    @Override
    public void write(Holding value, DataOutputView out) throws IOException {
      Fields.decimal(out, value.quantity());
      Fields.decimal(out, value.debt());
    }

    @Override
    public Holding read(int version, DataInputView in) throws IOException {
      if (version != 1) {
        throw Fields.unknownVersion(name(), version);
      }
      return new Holding(Fields.decimal(in), Fields.decimal(in));
    }
  }
}
