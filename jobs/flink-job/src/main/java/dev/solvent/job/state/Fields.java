package dev.solvent.job.state;

import dev.solvent.job.ingest.SourceRef;
import dev.solvent.schema.UndecodableValueException;
import dev.solvent.schema.WireFormat;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * The field encodings every codec shares: strings (nullable, any length), exact decimals (scale and unscaled value,
 * nullable), enums by name (so reordering constants never changes a value), Avro records in the topics' wire format
 * (which reads every released schema version), and a record's source coordinates.
 */
final class Fields {

  /** Larger than any value a record of Solvent's holds: a corrupt length fails instead of allocating it. */
  private static final int MAX_BYTES = 16 << 20;

  private Fields() {}

  static void string(DataOutputView out, String value) throws IOException {
    StringValue.writeString(value, out);
  }

  static String string(DataInputView in) throws IOException {
    return StringValue.readString(in);
  }

  static void decimal(DataOutputView out, BigDecimal value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeInt(value.scale());
      bytes(out, value.unscaledValue().toByteArray());
    }
  }

  static BigDecimal decimal(DataInputView in) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    int scale = in.readInt();
    return new BigDecimal(new BigInteger(bytes(in)), scale);
  }

  static void enumName(DataOutputView out, Enum<?> value) throws IOException {
    string(out, value == null ? null : value.name());
  }

  static <E extends Enum<E>> E enumName(DataInputView in, Class<E> type) throws IOException {
    String name = string(in);
    try {
      return name == null ? null : Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw new IOException("unknown " + type.getSimpleName() + " '" + name + "' in state", e);
    }
  }

  static <T extends SpecificRecord> void avro(DataOutputView out, WireFormat<T> wire, T record) throws IOException {
    bytes(out, wire.encode(record));
  }

  static <T extends SpecificRecord> T avro(DataInputView in, WireFormat<T> wire) throws IOException {
    try {
      return wire.decode(bytes(in));
    } catch (UndecodableValueException e) {
      throw new IOException("a " + wire.topic().name() + " record in state does not decode: " + e.getMessage(), e);
    }
  }

  static void source(DataOutputView out, SourceRef source) throws IOException {
    string(out, source.topic());
    out.writeInt(source.partition());
    out.writeLong(source.offset());
  }

  static SourceRef source(DataInputView in) throws IOException {
    return new SourceRef(string(in), in.readInt(), in.readLong());
  }

  static void doubles(DataOutputView out, double[] values) throws IOException {
    out.writeInt(values.length);
    for (double v : values) {
      out.writeDouble(v);
    }
  }

  static double[] doubles(DataInputView in) throws IOException {
    double[] values = new double[length(in)];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readDouble();
    }
    return values;
  }

  /** A count read back, checked before anything is allocated for it. */
  static int length(DataInputView in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > MAX_BYTES) {
      throw new IOException("a length of " + length + " in state: corrupt or not written by this codec");
    }
    return length;
  }

  /** A version this codec never wrote. */
  static IOException unknownVersion(String codec, int version) {
    return new IOException("codec '" + codec + "' has no version " + version);
  }

  /** A union's tag this codec never wrote. */
  static IOException unknownTag(String codec, int tag) {
    return new IOException("codec '" + codec + "' has no variant " + tag);
  }

  private static void bytes(DataOutputView out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static byte[] bytes(DataInputView in) throws IOException {
    byte[] bytes = new byte[length(in)];
    in.readFully(bytes);
    return bytes;
  }
}
