package dev.solvent.harness.kafka;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Topics as they are on the broker, byte for byte: every record of every partition in offset order (timestamp, key,
 * value), in a gzipped file. Loading a dump into empty topics of a fresh broker gives every record its original
 * partition and offset, so a savepoint's source positions taken against the dumped topics stay valid against the
 * loaded ones (state-migrations' savepoint fixtures rely on this).
 *
 * <p>File: the magic line, then per record {@code topic, partition, offset, timestamp, key, value} (strings as
 * modified UTF-8, byte arrays as length + bytes, a null key as length -1), ended by an empty topic name.
 */
public final class TopicDump {

  private static final String MAGIC = "solvent-topic-dump 1";
  private static final int MAX_BYTES = 16 << 20;

  /** One record at its place in a partition. */
  public record Entry(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {

    public TopicPartition topicPartition() {
      return new TopicPartition(topic, partition);
    }
  }

  private TopicDump() {}

  /** Every record of {@code topics} (read uncommitted: input topics are written without transactions). */
  public static List<Entry> read(String bootstrap, Collection<String> topics) {
    List<Entry> entries = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(bootstrap))) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          entries.add(new Entry(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value()));
        }
      }
    }
    entries.sort(java.util.Comparator.comparing(Entry::topic).thenComparingInt(Entry::partition)
        .thenComparingLong(Entry::offset));
    return entries;
  }

  public static void write(Path file, List<Entry> entries) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
        new GZIPOutputStream(Files.newOutputStream(file))))) {
      out.writeUTF(MAGIC);
      for (Entry e : entries) {
        out.writeUTF(e.topic());
        out.writeInt(e.partition());
        out.writeLong(e.offset());
        out.writeLong(e.timestamp());
        bytes(out, e.key());
        bytes(out, e.value());
      }
      out.writeUTF("");
    }
  }

  public static List<Entry> read(Path file) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(
        new GZIPInputStream(Files.newInputStream(file))))) {
      String magic = in.readUTF();
      if (!magic.equals(MAGIC)) {
        throw new IOException(file + " is not a topic dump (starts with '" + magic + "')");
      }
      for (String topic = in.readUTF(); !topic.isEmpty(); topic = in.readUTF()) {
        entries.add(new Entry(topic, in.readInt(), in.readLong(), in.readLong(), bytes(in), bytes(in)));
      }
    } catch (EOFException e) {
      throw new IOException(file + " is truncated", e);
    }
    return entries;
  }

  /**
   * Appends the entries {@code include} accepts to their partitions, in offset order. Each partition must hold
   * exactly the entries before the first one appended (a fresh topic, or the same dump's earlier part), so every
   * record lands at its dumped offset; otherwise this fails before writing anything.
   */
  public static void load(String bootstrap, List<Entry> entries, Predicate<Entry> include) {
    Map<TopicPartition, List<Entry>> byPartition = new TreeMap<>(
        java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
    for (Entry e : entries) {
      if (include.test(e)) {
        byPartition.computeIfAbsent(e.topicPartition(), tp -> new ArrayList<>()).add(e);
      }
    }
    Map<TopicPartition, Long> present;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(bootstrap))) {
      present = consumer.endOffsets(byPartition.keySet());
    }
    byPartition.forEach((tp, list) -> {
      if (list.get(0).offset() != present.get(tp)) {
        throw new IllegalStateException(tp + " ends at offset " + present.get(tp) + " but the dump continues it at "
            + list.get(0).offset());
      }
    });
    // One request in flight per connection keeps each partition's order through retries.
    Properties settings = new Properties();
    settings.put("max.in.flight.requests.per.connection", "1");
    try (KafkaProducer<byte[], byte[]> producer = TopicIO.producer(bootstrap, true, settings)) {
      byPartition.values().forEach(list -> list.forEach(e -> producer.send(
          new ProducerRecord<>(e.topic(), e.partition(), e.timestamp(), e.key(), e.value()))));
      producer.flush();
    }
  }

  private static Properties consumerProperties(String bootstrap) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    p.put("enable.auto.commit", "false");
    return p;
  }

  private static void bytes(DataOutputStream out, byte[] bytes) throws IOException {
    if (bytes == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(bytes.length);
      out.write(bytes);
    }
  }

  private static byte[] bytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    if (length > MAX_BYTES) {
      throw new IOException("a dumped key or value of " + length + " bytes: more than a record can hold");
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return bytes;
  }
}
