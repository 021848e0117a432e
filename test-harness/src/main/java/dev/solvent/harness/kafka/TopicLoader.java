package dev.solvent.harness.kafka;

import dev.solvent.avro.account.AccountEvent;
import dev.solvent.avro.bids.AuctionBid;
import dev.solvent.avro.instruments.InstrumentUpdate;
import dev.solvent.avro.ticks.MarketTick;
import dev.solvent.avro.vols.MarketVol;
import dev.solvent.harness.loop.Feed;
import dev.solvent.harness.loop.LoopRecord;
import dev.solvent.job.io.KafkaConnection;
import dev.solvent.schema.Topic;
import dev.solvent.schema.Topics;
import dev.solvent.schema.WireFormat;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Loads a {@link Feed} into the input topics: keyed by each topic's key rule (so the producer's partitioner spreads
 * them by key), with the event time as the record timestamp, plus a heartbeat on every partition of every input topic
 * each minute so event time advances on partitions a key never reaches. Idempotent: a topic that already holds
 * exactly what the load would write is left as it is; one holding anything else is an error, never appended to.
 */
public final class TopicLoader {

  static final long HEARTBEAT_MILLIS = 60_000;
  static final String PRODUCER = "load-topics";

  /** What happened to one topic. */
  public record Loaded(String topic, long records, boolean skipped) {}

  private TopicLoader() {}

  public static List<Loaded> load(String bootstrap, Feed feed, int partitions, PrintStream out) throws Exception {
    return load(KafkaConnection.plain(bootstrap), feed, partitions, out);
  }

  /**
   * On a secured broker the loader's principal may write the input topics and nothing else: the topics must exist
   * (the broker's administrator creates them, {@code ./solvent kafka-access}), and the outputs are left alone.
   */
  public static List<Loaded> load(KafkaConnection kafka, Feed feed, int partitions, PrintStream out) throws Exception {
    List<String> inputs = TopicIO.inputNames();
    TopicIO.createTopics(kafka, inputs, partitions);
    if (kafka.security().isEmpty()) {
      // The job's outputs too: created by its producers, they would get the broker's default (time-based) retention.
      TopicIO.createTopics(kafka, TopicIO.outputNames(), partitions);
    }
    Map<String, List<LoopRecord>> byTopic = new LinkedHashMap<>();
    inputs.forEach(t -> byTopic.put(t, new ArrayList<>()));
    feed.records().forEach(r -> byTopic.get(r.topic()).add(r));
    List<Loaded> loaded = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = TopicIO.producer(kafka, true, new Properties())) {
      for (var entry : byTopic.entrySet()) {
        String topic = entry.getKey();
        long expected = entry.getValue().size() + heartbeats(feed, partitions);
        long present = endOffsets(kafka, topic);
        if (present == expected) {
          out.printf("%-16s %,10d records already loaded: left as it is%n", topic, present);
          loaded.add(new Loaded(topic, present, true));
          continue;
        }
        if (present != 0) {
          throw new IllegalArgumentException("topic " + topic + " holds " + present + " records but this load writes "
              + expected + ": it holds other data (delete the topics, or load into a fresh broker)");
        }
        write(producer, topic, entry.getValue(), feed, partitions);
        producer.flush();
        out.printf("%-16s %,10d records loaded%n", topic, expected);
        loaded.add(new Loaded(topic, expected, false));
      }
    }
    return loaded;
  }

  private static long heartbeats(Feed feed, int partitions) {
    return ((feed.end() - feed.start()) / HEARTBEAT_MILLIS + 1) * partitions;
  }

  /** Records and heartbeats in event-time order, so each partition's timestamps only grow. */
  @SuppressWarnings("unchecked")
  private static void write(KafkaProducer<byte[], byte[]> producer, String topic, List<LoopRecord> records, Feed feed,
      int partitions) {
    Topic<SpecificRecord> t = (Topic<SpecificRecord>) Topics.byName(topic);
    WireFormat<SpecificRecord> wire = WireFormat.of(t);
    int next = 0;
    for (long beat = feed.start(); beat <= feed.end(); beat += HEARTBEAT_MILLIS) {
      while (next < records.size() && records.get(next).time() <= beat) {
        LoopRecord r = records.get(next++);
        producer.send(TopicIO.record(t, wire, r.record(), r.time(), null));
      }
      for (int p = 0; p < partitions; p++) {
        producer.send(TopicIO.record(t, wire, heartbeat(topic, beat, PRODUCER), beat, p));
      }
    }
    while (next < records.size()) {
      LoopRecord r = records.get(next++);
      producer.send(TopicIO.record(t, wire, r.record(), r.time(), null));
    }
  }

  /** A heartbeat of an input topic at {@code time}, from {@code producer}: it moves that partition's event time. */
  public static SpecificRecord heartbeat(String topic, long time, String producer) {
    Instant at = Instant.ofEpochMilli(time);
    return switch (topic) {
      case "market.ticks" -> new MarketTick(at, new dev.solvent.avro.ticks.Heartbeat(producer));
      case "market.vols" -> new MarketVol(at, new dev.solvent.avro.vols.Heartbeat(producer));
      case "instruments" -> new InstrumentUpdate(at, new dev.solvent.avro.instruments.Heartbeat(producer));
      case "account.events" -> new AccountEvent(at, 0L, new dev.solvent.avro.account.Heartbeat(producer));
      case "auction.bids" -> new AuctionBid(at, new dev.solvent.avro.bids.Heartbeat(producer));
      default -> throw new IllegalArgumentException("not an input topic: " + topic);
    };
  }

  private static long endOffsets(KafkaConnection kafka, String topic) {
    Properties p = kafka.properties();
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      return consumer.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
