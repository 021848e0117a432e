package dev.solvent.job.state;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's type information for the values of a {@link StateCodec}, in state and on the wire (never Kryo). */
public final class CodecTypeInfo<T> extends TypeInformation<T> {

  private static final long serialVersionUID = 1L;
  private final StateCodec<T> codec;

  public CodecTypeInfo(StateCodec<T> codec) {
    this.codec = codec;
  }

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<T> getTypeClass() {
    return codec.type();
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<T> createSerializer(SerializerConfig config) {
    return new CodecSerializer<>(codec);
  }

  @Override
  public String toString() {
    return "Codec<" + codec.name() + " v" + codec.version() + ">";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CodecTypeInfo<?> other && other.codec.name().equals(codec.name());
  }

  @Override
  public int hashCode() {
    return codec.name().hashCode();
  }

  @Override
  public boolean canEqual(Object o) {
    return o instanceof CodecTypeInfo;
  }
}
