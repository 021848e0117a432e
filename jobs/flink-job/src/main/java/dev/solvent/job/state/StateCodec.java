package dev.solvent.job.state;

import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * How one kind of value is written into state and onto the wire, explicitly, field by field: a name that never
 * changes, the version it writes, and a reader for every version it ever wrote. A savepoint records the name and the
 * version ({@link CodecSerializerSnapshot}), never a Java class, so the value's class may move or be renamed freely;
 * a new field is a new version whose {@link #read} still takes the old one (Flink then migrates the state on restore).
 * Codecs are stateless and thread-safe.
 */
public interface StateCodec<T> extends Serializable {

  /** Stable identity in savepoints; registered in {@link StateCodecs}. */
  String name();

  /** The version {@link #write} writes. */
  int version();

  /** The class of the values (for Flink's type information only; never written). */
  Class<T> type();

  void write(T value, DataOutputView out) throws IOException;

  /**
   * Reads a value written by {@code version} of this codec.
   *
   * @throws IOException when {@code version} is one this codec never wrote
   */
  T read(int version, DataInputView in) throws IOException;

  /** Whether {@link #read} takes values written by {@code version}. */
  default boolean reads(int version) {
    return version >= 1 && version <= version();
  }
}
