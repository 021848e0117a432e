package dev.solvent.harness.kafka;

import dev.solvent.harness.loop.LoopRecord;
import dev.solvent.job.io.KafkaConnection;
import dev.solvent.schema.Topic;
import dev.solvent.schema.Topics;
import dev.solvent.schema.UndecodableValueException;
import dev.solvent.schema.WireFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writing topic records to Kafka and reading them back, in Solvent's wire format: keys by the topic's key rule,
 * record timestamps = event time, outputs read {@code read_committed} (only what the job's transactions committed).
 */
public final class TopicIO {

  private TopicIO() {}

  /**
   * Creates the topics that do not exist yet, with unlimited retention: their record timestamps are event times, and
   * the broker's time-based retention (7 days by default) would delete a replayed day's records minutes after the load.
   */
  public static void createTopics(String bootstrap, Collection<String> names, int partitions) throws Exception {
    createTopics(KafkaConnection.plain(bootstrap), names, partitions);
  }

  public static void createTopics(KafkaConnection kafka, Collection<String> names, int partitions) throws Exception {
    try (Admin admin = Admin.create(kafka.properties())) {
      var existing = admin.listTopics().names().get();
      List<NewTopic> missing = names.stream().filter(n -> !existing.contains(n))
          .map(n -> new NewTopic(n, partitions, (short) 1).configs(Map.of("retention.ms", "-1"))).toList();
      admin.createTopics(missing).all().get();
    }
  }

  public static KafkaProducer<byte[], byte[]> producer(String bootstrap, boolean idempotent) {
    return producer(bootstrap, idempotent, new Properties());
  }

  /** A producer of raw keys and values, with {@code settings} over the defaults. */
  public static KafkaProducer<byte[], byte[]> producer(String bootstrap, boolean idempotent, Properties settings) {
    return producer(KafkaConnection.plain(bootstrap), idempotent, settings);
  }

  public static KafkaProducer<byte[], byte[]> producer(KafkaConnection kafka, boolean idempotent, Properties settings) {
    Properties p = kafka.properties();
    p.put("key.serializer", ByteArraySerializer.class.getName());
    p.put("value.serializer", ByteArraySerializer.class.getName());
    p.put("enable.idempotence", Boolean.toString(idempotent));
    p.put("acks", "all");
    p.put("linger.ms", "5");
    p.putAll(settings);
    return new KafkaProducer<>(p);
  }

  /** The record as produced: key by the topic's rule, timestamp = its event time. */
  public static <T extends SpecificRecord> ProducerRecord<byte[], byte[]> record(Topic<T> topic, WireFormat<T> wire,
      T value, long eventTime, Integer partition) {
    return new ProducerRecord<>(topic.name(), partition, eventTime, topic.key(value).getBytes(StandardCharsets.UTF_8),
        wire.encode(value));
  }

  /** Every committed record of an output topic, partition by partition, decoded. */
  @SuppressWarnings("unchecked")
  public static <T extends SpecificRecord> List<T> readCommitted(String bootstrap, Topic<T> topic) throws Exception {
    return committedRecords(KafkaConnection.plain(bootstrap), topic).stream().map(r -> (T) r.record()).toList();
  }

  /**
   * Waits until no transaction is open on the topics' partitions (each one's last stable offset has reached its end
   * offset), as it must be once the jobs writing them have stopped: a commit returns before the broker has written
   * its markers, and until it has, {@code read_committed} reads stop short of the committed transaction. A
   * transaction still open after {@code timeout} was left behind by a writer that neither committed nor aborted it;
   * that fails, naming the partitions and their offsets.
   */
  public static void awaitNoOpenTransaction(String bootstrap, Collection<String> topics, Duration timeout)
      throws Exception {
    awaitNoOpenTransaction(KafkaConnection.plain(bootstrap), topics, timeout);
  }

  public static void awaitNoOpenTransaction(KafkaConnection kafka, Collection<String> topics, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(kafka.properties())) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (var topic : admin.describeTopics(topics).allTopicNames().get().values()) {
        topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()),
            OffsetSpec.latest()));
      }
      while (true) {
        var stable = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        var end = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get();
        Map<TopicPartition, String> open = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
        end.forEach((tp, info) -> {
          long lastStable = stable.get(tp).offset();
          if (lastStable < info.offset()) {
            open.put(tp, "last stable offset " + lastStable + " of " + info.offset());
          }
        });
        if (open.isEmpty()) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("a transaction is still open after " + timeout.toSeconds()
              + " s (a writer left it neither committed nor aborted; read_committed reads stop at it): " + open);
        }
        Thread.sleep(100);
      }
    }
  }

  /** Every committed record of a topic, partition by partition, decoded, at its Kafka timestamp (the event time). */
  public static <T extends SpecificRecord> List<LoopRecord> committedRecords(String bootstrap, Topic<T> topic)
      throws Exception {
    return committedRecords(KafkaConnection.plain(bootstrap), topic);
  }

  public static <T extends SpecificRecord> List<LoopRecord> committedRecords(KafkaConnection kafka, Topic<T> topic)
      throws Exception {
    WireFormat<T> wire = WireFormat.of(topic);
    List<LoopRecord> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = committedConsumer(kafka)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(info -> new TopicPartition(topic.name(), info.partition())).collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          records.add(new LoopRecord(topic.name(), r.timestamp(), wire.decode(r.value())));
        }
      }
    } catch (UndecodableValueException e) {
      throw new IllegalStateException("committed output of " + topic + " does not decode", e);
    }
    return records;
  }

  /** A consumer of raw keys and values that sees committed transactions only, as a venue's consumer does. */
  public static KafkaConsumer<byte[], byte[]> committedConsumer(String bootstrap) {
    return committedConsumer(KafkaConnection.plain(bootstrap));
  }

  public static KafkaConsumer<byte[], byte[]> committedConsumer(KafkaConnection kafka) {
    Properties p = kafka.properties();
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    p.put("isolation.level", "read_committed");
    p.put("enable.auto.commit", "false");
    return new KafkaConsumer<>(p);
  }

  public static List<String> inputNames() {
    return Topics.INPUTS.stream().map(Topic::name).toList();
  }

  public static List<String> outputNames() {
    return Topics.OUTPUTS.stream().map(Topic::name).toList();
  }
}
