package dev.solvent.harness.live;

import dev.solvent.schema.Topic;
import dev.solvent.schema.WireFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A venue's consumer of output topics that notes when each record became visible to it (wall clock, at the poll that
 * returned it). {@code read_committed} sees what a venue acts on; {@code read_uncommitted} sees a record as soon as
 * the job's producer has appended it, before its transaction commits, which splits the sink's share of the latency.
 */
public final class OutputWatch implements AutoCloseable {

  /**
   * One record as it became visible: its event time (the Kafka timestamp), when it arrived, and its value if its
   * topic is one of those decoded (else null).
   */
  public record Seen(String topic, int partition, long offset, long eventTime, long receivedAt, SpecificRecord value) {}

  private final List<Topic<?>> topics;
  private final List<Topic<?>> decoded;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private final List<Seen> seen = new ArrayList<>();
  private volatile boolean stopped;
  private volatile Exception failure;

  /** Watches {@code topics}, decoding the values of those in {@code decoded}. */
  public OutputWatch(String bootstrap, IsolationLevel isolation, List<Topic<?>> topics,
      List<Topic<?>> decoded) {
    this.topics = List.copyOf(topics);
    this.decoded = List.copyOf(decoded);
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    p.put("isolation.level", isolation.toString().toLowerCase(Locale.ROOT));
    p.put("enable.auto.commit", "false");
    // Answer a fetch as soon as one byte is there, and ask again within milliseconds when none is.
    p.put("fetch.min.bytes", "1");
    p.put("fetch.max.wait.ms", "5");
    consumer = new KafkaConsumer<>(p);
    thread = new Thread(this::poll, "output-watch-" + isolation);
    thread.setDaemon(true);
  }

  public OutputWatch start() {
    List<TopicPartition> partitions = new ArrayList<>();
    for (Topic<?> topic : topics) {
      consumer.partitionsFor(topic.name()).forEach(i -> partitions.add(new TopicPartition(topic.name(),
          i.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    thread.start();
    return this;
  }

  @SuppressWarnings("unchecked")
  private void poll() {
    Map<String, WireFormat<SpecificRecord>> wires = new HashMap<>();
    decoded.forEach(t -> wires.put(t.name(), WireFormat.of((Topic<SpecificRecord>) t)));
    try {
      while (!stopped) {
        var records = consumer.poll(Duration.ofMillis(5));
        long now = System.currentTimeMillis();
        synchronized (seen) {
          for (ConsumerRecord<byte[], byte[]> r : records) {
            WireFormat<SpecificRecord> wire = wires.get(r.topic());
            seen.add(new Seen(r.topic(), r.partition(), r.offset(), r.timestamp(), now,
                wire == null ? null : wire.decode(r.value())));
          }
        }
      }
    } catch (Exception e) {
      failure = e;
    }
  }

  /** Everything seen so far, in arrival order. */
  public List<Seen> seen() {
    if (failure != null) {
      throw new IllegalStateException("the output watch failed: " + failure.getMessage(), failure);
    }
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    thread.join(10_000);
    consumer.close();
  }
}
