package dev.solvent.job.state;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's serializer for a {@link StateCodec}'s values: writes the codec's current version, reads {@code readVersion}
 * (the current one, or an older one while Flink migrates a restored state). Values are immutable records: copies are
 * the values themselves.
 */
public final class CodecSerializer<T> extends TypeSerializer<T> {

  private static final long serialVersionUID = 1L;

  private final StateCodec<T> codec;
  private final int readVersion;

  public CodecSerializer(StateCodec<T> codec) {
    this(codec, codec.version());
  }

  CodecSerializer(StateCodec<T> codec, int readVersion) {
    this.codec = Objects.requireNonNull(codec, "codec");
    this.readVersion = readVersion;
  }

  StateCodec<T> codec() {
    return codec;
  }

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public TypeSerializer<T> duplicate() {
    return this;
  }

  @Override
  public T createInstance() {
    return null;
  }

  @Override
  public T copy(T from) {
    return from;
  }

  @Override
  public T copy(T from, T reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(T record, DataOutputView target) throws IOException {
    codec.write(record, target);
  }

  @Override
  public T deserialize(DataInputView source) throws IOException {
    return codec.read(readVersion, source);
  }

  @Override
  public T deserialize(T reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  @Override
  public TypeSerializerSnapshot<T> snapshotConfiguration() {
    return new CodecSerializerSnapshot<>(codec.name(), codec.version());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CodecSerializer<?> other && other.codec.name().equals(codec.name())
        && other.readVersion == readVersion;
  }

  @Override
  public int hashCode() {
    return codec.name().hashCode() * 31 + readVersion;
  }

  @Override
  public String toString() {
    return "CodecSerializer[" + codec.name() + " v" + readVersion + "]";
  }
}
