package dev.solvent.harness.loop;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** The one split of a bus topic: the topic and the index of the next value to read (checkpointed). */
record BusSplit(String topic, long next) implements SourceSplit {

  @Override
  public String splitId() {
    return topic;
  }

  static final class Serializer implements SimpleVersionedSerializer<BusSplit> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(BusSplit split) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeUTF(split.topic());
        out.writeLong(split.next());
      }
      return bytes.toByteArray();
    }

    @Override
    public BusSplit deserialize(int version, byte[] serialized) throws IOException {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        return new BusSplit(in.readUTF(), in.readLong());
      }
    }
  }
}
