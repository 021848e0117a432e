package dev.solvent.job.state;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What a savepoint records of a {@link CodecSerializer}: the codec's name and the version its values were written
 * with. Restored against the current codec of that name: the same version is compatible as is, an older version the
 * codec still reads is compatible after migration (Flink rewrites the state with the current version), anything else
 * is incompatible and the restore fails, naming both.
 *
 * <p>This class's name is in every savepoint Solvent writes: never move or rename it.
 */
public final class CodecSerializerSnapshot<T> implements TypeSerializerSnapshot<T> {

  private static final int FORMAT = 1;

  private String name;
  private int version;

  /** For Flink, which reads snapshots into a new instance. */
  public CodecSerializerSnapshot() {}

  CodecSerializerSnapshot(String name, int version) {
    this.name = name;
    this.version = version;
  }

  @Override
  public int getCurrentVersion() {
    return FORMAT;
  }

  @Override
  public void writeSnapshot(DataOutputView out) throws IOException {
    out.writeUTF(name);
    out.writeInt(version);
  }

  @Override
  public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
    if (readVersion != FORMAT) {
      throw new IOException("unknown snapshot format " + readVersion + " of a Solvent state codec");
    }
    name = in.readUTF();
    version = in.readInt();
  }

  @Override
  public TypeSerializer<T> restoreSerializer() {
    StateCodec<T> codec = StateCodecs.byName(name);
    if (!codec.reads(version)) {
      throw new IllegalStateException("state written by version " + version + " of codec '" + name
          + "', which this build (version " + codec.version() + ") cannot read");
    }
    return new CodecSerializer<>(codec, version);
  }

  @Override
  public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
    if (!(old instanceof CodecSerializerSnapshot<T> previous) || !previous.name.equals(name)) {
      return TypeSerializerSchemaCompatibility.incompatible();
    }
    if (previous.version == version) {
      return TypeSerializerSchemaCompatibility.compatibleAsIs();
    }
    return previous.version < version && StateCodecs.byName(name).reads(previous.version)
        ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
        : TypeSerializerSchemaCompatibility.incompatible();
  }

  String name() {
    return name;
  }

  int version() {
    return version;
  }
}
