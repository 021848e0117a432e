package dev.solvent.migrations;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Writing and reading an image's values with the current layout's own serializers. */
final class Image {

  private Image() {}

  /** Writes values in order. */
  static final class Writer {
    private final DataOutputSerializer out = new DataOutputSerializer(256);

    <T> Writer value(TypeSerializer<T> serializer, T value) throws IOException {
      out.writeBoolean(value != null);
      if (value != null) {
        serializer.serialize(value, out);
      }
      return this;
    }

    <T> Writer list(TypeSerializer<T> serializer, List<T> values) throws IOException {
      out.writeInt(values.size());
      for (T v : values) {
        value(serializer, v);
      }
      return this;
    }

    Writer longs(Iterable<Long> values) throws IOException {
      List<Long> list = new ArrayList<>();
      values.forEach(list::add);
      out.writeInt(list.size());
      for (long v : list) {
        out.writeLong(v);
      }
      return this;
    }

    byte[] bytes() {
      return out.getCopyOfBuffer();
    }
  }

  /** Reads values in the order they were written. */
  static final class Reader {
    private final DataInputDeserializer in;

    Reader(byte[] bytes) {
      in = new DataInputDeserializer(bytes);
    }

    <T> T value(TypeSerializer<T> serializer) throws IOException {
      return in.readBoolean() ? serializer.deserialize(in) : null;
    }

    <T> List<T> list(TypeSerializer<T> serializer) throws IOException {
      int n = in.readInt();
      List<T> values = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        values.add(value(serializer));
      }
      return values;
    }

    List<Long> longs() throws IOException {
      int n = in.readInt();
      List<Long> values = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        values.add(in.readLong());
      }
      return values;
    }
  }
}
