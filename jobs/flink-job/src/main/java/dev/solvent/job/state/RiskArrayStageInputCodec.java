package dev.solvent.job.state;

import dev.solvent.avro.oracle.OraclePrice;
import dev.solvent.avro.vols.MarketVol;
import dev.solvent.avro.vols.VolQuote;
import dev.solvent.job.model.OracleUpdate;
import dev.solvent.job.model.RiskArrayStageInput;
import dev.solvent.job.riskarrays.UnderlyingMemory;
import dev.solvent.schema.Topics;
import dev.solvent.schema.WireFormat;
import java.io.IOException;
import java.time.Instant;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** An input buffered by the risk-array stage: a spec, a vol (its topic's wire format), or an oracle price. */
public final class RiskArrayStageInputCodec implements StateCodec<RiskArrayStageInput> {

  private static final long serialVersionUID = 1L;
  public static final RiskArrayStageInputCodec INSTANCE = new RiskArrayStageInputCodec();
  private static final WireFormat<MarketVol> VOLS = WireFormat.of(Topics.MARKET_VOLS);
  private static final WireFormat<OraclePrice> PRICES = WireFormat.of(Topics.ORACLE_PRICES);

  @Override
  public String name() {
    return "risk-array-stage-input";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public Class<RiskArrayStageInput> type() {
    return RiskArrayStageInput.class;
  }

  @Override
  public void write(RiskArrayStageInput value, DataOutputView out) throws IOException {
    if (value instanceof RiskArrayStageInput.Spec s) {
      out.writeByte(0);
      Fields.string(out, s.underlying());
      out.writeLong(s.time());
      RiskArraySetCodec.spec(out, s.spec());
    } else if (value instanceof RiskArrayStageInput.Vol v) {
      out.writeByte(1);
      Fields.string(out, v.underlying());
      out.writeLong(v.time());
      Fields.avro(out, VOLS, new MarketVol(Instant.ofEpochMilli(v.time()), v.vol()));
    } else {
      RiskArrayStageInput.Oracle o = (RiskArrayStageInput.Oracle) value;
      out.writeByte(2);
      Fields.string(out, o.underlying());
      out.writeLong(o.time());
      Fields.avro(out, PRICES, o.update().price());
      out.writeDouble(o.update().bidDepth2Pct());
      out.writeDouble(o.update().askDepth2Pct());
    }
  }

  @Override
  public RiskArrayStageInput read(int version, DataInputView in) throws IOException {
    if (version != 1) {
      throw Fields.unknownVersion(name(), version);
    }
    int tag = in.readByte();
    String underlying = Fields.string(in);
    long time = in.readLong();
    return switch (tag) {
      case 0 -> new RiskArrayStageInput.Spec(underlying, time, RiskArraySetCodec.spec(in));
      case 1 -> new RiskArrayStageInput.Vol(underlying, time, vol(in));
      case 2 -> new RiskArrayStageInput.Oracle(underlying, time, new OracleUpdate(Fields.avro(in, PRICES),
          in.readDouble(), in.readDouble()));
      default -> throw Fields.unknownTag(name(), tag);
    };
  }

  private static VolQuote vol(DataInputView in) throws IOException {
    Object payload = Fields.avro(in, VOLS).getPayload();
    if (!(payload instanceof VolQuote quote)) {
      throw new IOException("a vol in state holds a " + payload.getClass().getSimpleName());
    }
    return quote;
  }

  /** The risk-array stage's memory of an underlying: the last mark and the realized-variance EWMA. */
  public static final class MemoryCodec implements StateCodec<UnderlyingMemory> {

    private static final long serialVersionUID = 1L;
    public static final MemoryCodec INSTANCE = new MemoryCodec();

    @Override
    public String name() {
      return "underlying-memory";
    }

    @Override
    public int version() {
      return 1;
    }

    @Override
    public Class<UnderlyingMemory> type() {
      return UnderlyingMemory.class;
    }

    @Override
    public void write(UnderlyingMemory value, DataOutputView out) throws IOException {
      out.writeDouble(value.lastMark());
      out.writeLong(value.lastTime());
      out.writeDouble(value.varianceRate());
    }

    @Override
    public UnderlyingMemory read(int version, DataInputView in) throws IOException {
      if (version != 1) {
        throw Fields.unknownVersion(name(), version);
      }
      return new UnderlyingMemory(in.readDouble(), in.readLong(), in.readDouble());
    }
  }
}
