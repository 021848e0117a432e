package dev.solvent.job.state;

import dev.solvent.avro.instruments.Instrument;
import dev.solvent.avro.instruments.InstrumentUpdate;
import dev.solvent.job.model.RiskArraySet;
import dev.solvent.risk.portfolio.RiskArray;
import dev.solvent.schema.Topics;
import dev.solvent.schema.WireFormat;
import java.io.IOException;
import java.time.Instant;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * An underlying's risk arrays at one oracle publication (broadcast to the account stage and kept there by version):
 * the specs in the instruments topic's wire format, the arrays field by field.
 */
public final class RiskArraySetCodec implements StateCodec<RiskArraySet> {

  private static final long serialVersionUID = 1L;
  public static final RiskArraySetCodec INSTANCE = new RiskArraySetCodec();
  private static final WireFormat<InstrumentUpdate> SPECS = WireFormat.of(Topics.INSTRUMENTS);

  @Override
  public String name() {
    return "risk-array-set";
  }

  /** Version 2 adds each array's implied volatility (an option's bands need it); version 1 reads it as unknown. */
  @Override
  public int version() {
    return 2;
  }

  @Override
  public Class<RiskArraySet> type() {
    return RiskArraySet.class;
  }

  @Override
  public void write(RiskArraySet s, DataOutputView out) throws IOException {
    Fields.string(out, s.underlying());
    out.writeLong(s.time());
    out.writeLong(s.sourceTime());
    out.writeBoolean(s.stale());
    out.writeDouble(s.spot());
    out.writeDouble(s.realizedVol());
    out.writeDouble(s.bidDepth2Pct());
    out.writeDouble(s.askDepth2Pct());
    out.writeInt(s.specs().length);
    for (Instrument spec : s.specs()) {
      spec(out, spec);
    }
    out.writeInt(s.arrays().length);
    for (RiskArray a : s.arrays()) {
      Fields.string(out, a.instrumentId());
      Fields.string(out, a.underlying());
      out.writeDouble(a.spot());
      out.writeDouble(a.markValue());
      out.writeDouble(a.delta());
      out.writeDouble(a.gamma());
      out.writeDouble(a.vega());
      out.writeDouble(a.theta());
      Fields.doubles(out, a.scenarioPnl());
      out.writeDouble(a.vol());
    }
  }

  @Override
  public RiskArraySet read(int version, DataInputView in) throws IOException {
    if (version != 1 && version != 2) {
      throw Fields.unknownVersion(name(), version);
    }
    String underlying = Fields.string(in);
    long time = in.readLong();
    long sourceTime = in.readLong();
    boolean stale = in.readBoolean();
    double spot = in.readDouble();
    double realizedVol = in.readDouble();
    double bid = in.readDouble();
    double ask = in.readDouble();
    Instrument[] specs = new Instrument[Fields.length(in)];
    for (int i = 0; i < specs.length; i++) {
      specs[i] = spec(in);
    }
    RiskArray[] arrays = new RiskArray[Fields.length(in)];
    for (int i = 0; i < arrays.length; i++) {
      arrays[i] = new RiskArray(Fields.string(in), Fields.string(in), in.readDouble(), in.readDouble(),
          in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), Fields.doubles(in),
          version >= 2 ? in.readDouble() : Double.NaN);
    }
    return new RiskArraySet(underlying, time, sourceTime, stale, spot, realizedVol, bid, ask, specs, arrays);
  }

  /** An instrument spec as the instruments topic carries it (its schema history reads every released version). */
  static void spec(DataOutputView out, Instrument spec) throws IOException {
    Fields.avro(out, SPECS, new InstrumentUpdate(Instant.EPOCH, spec));
  }

  static Instrument spec(DataInputView in) throws IOException {
    Object payload = Fields.avro(in, SPECS).getPayload();
    if (!(payload instanceof Instrument spec)) {
      throw new IOException("an instrument spec in state holds a " + payload.getClass().getSimpleName());
    }
    return spec;
  }

  /** The versions an account stage keeps of one underlying's arrays, oldest first. */
  public static final class Versions implements StateCodec<RiskArraySet[]> {

    private static final long serialVersionUID = 1L;
    public static final Versions INSTANCE = new Versions();

    @Override
    public String name() {
      return "risk-array-set-versions";
    }

    /** The version of the sets inside: 2 since sets carry their arrays' volatilities. */
    @Override
    public int version() {
      return 2;
    }

    @Override
    public Class<RiskArraySet[]> type() {
      return RiskArraySet[].class;
    }

    @Override
    public void write(RiskArraySet[] value, DataOutputView out) throws IOException {
      out.writeInt(value.length);
      for (RiskArraySet s : value) {
        RiskArraySetCodec.INSTANCE.write(s, out);
      }
    }

    @Override
    public RiskArraySet[] read(int version, DataInputView in) throws IOException {
      if (version != 1 && version != 2) {
        throw Fields.unknownVersion(name(), version);
      }
      RiskArraySet[] sets = new RiskArraySet[Fields.length(in)];
      for (int i = 0; i < sets.length; i++) {
        sets[i] = RiskArraySetCodec.INSTANCE.read(version, in);
      }
      return sets;
    }
  }
}
