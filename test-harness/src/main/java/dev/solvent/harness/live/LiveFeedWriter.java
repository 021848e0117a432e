package dev.solvent.harness.live;

import dev.solvent.avro.ticks.MarketTick;
import dev.solvent.avro.ticks.Quote;
import dev.solvent.harness.kafka.TopicIO;
import dev.solvent.harness.kafka.TopicLoader;
import dev.solvent.harness.loop.LoopRecord;
import dev.solvent.schema.Topic;
import dev.solvent.schema.Topics;
import dev.solvent.schema.WireFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A venue's feed in processing time: appends each record to its input topic when the wall clock reaches its event
 * time (event time = this writer's clock), and a heartbeat on every partition of every input topic at a fixed
 * interval, so the job's watermark follows the clock within that interval. The one writer of every partition: its
 * event times only grow, and the job may run with {@code input.max-out-of-orderness-ms=0}. Returns when every
 * acknowledgement has come back, their times in an {@link AppendLog}.
 */
public final class LiveFeedWriter {

  /** Names the heartbeats' producer on the input topics. */
  static final String PRODUCER = "live";

  private final String bootstrap;
  private final int partitions;
  private final long heartbeatMillis;

  public LiveFeedWriter(String bootstrap, int partitions, long heartbeatMillis) {
    this.bootstrap = bootstrap;
    this.partitions = partitions;
    this.heartbeatMillis = heartbeatMillis;
  }

  /**
   * Writes {@code records} (in event-time order, their times on the wall clock) as their times come, with heartbeats
   * until {@code until}; a record already due is written at once.
   */
  public void write(AppendLog log, List<LoopRecord> records, long until) throws Exception {
    write(log, records, until, () -> true);
  }

  /**
   * As {@link #write(AppendLog, List, long)}, but goes on with heartbeats after {@code until} until {@code done}
   * (asked every half second) says the reader has caught up.
   */
  public void write(AppendLog log, List<LoopRecord> records, long until, BooleanSupplier done) throws Exception {
    AtomicReference<Exception> failure = new AtomicReference<>();
    long asked = 0;
    Map<String, WireFormat<SpecificRecord>> wires = new HashMap<>();
    Properties settings = new Properties();
    settings.put("linger.ms", "0");
    try (KafkaProducer<byte[], byte[]> producer = TopicIO.producer(bootstrap, true, settings)) {
      int next = 0;
      long beat = records.isEmpty() ? System.currentTimeMillis() : records.get(0).time();
      while (true) {
        long record = next < records.size() ? records.get(next).time() : Long.MAX_VALUE;
        long due = Math.min(record, beat);
        if (failure.get() != null) {
          break;
        }
        if (due > until && next == records.size() && System.currentTimeMillis() - asked >= 500) {
          asked = System.currentTimeMillis();
          if (done.getAsBoolean()) {
            break;
          }
        }
        long wait = due - System.currentTimeMillis();
        if (wait > 0) {
          Thread.sleep(wait);
          continue;
        }
        if (record <= beat) {
          LoopRecord r = records.get(next++);
          send(producer, wires, log, failure, r.topic(), r.record(), record, null);
        } else {
          for (String topic : TopicIO.inputNames()) {
            for (int p = 0; p < partitions; p++) {
              send(producer, wires, log, failure, topic, TopicLoader.heartbeat(topic, beat, PRODUCER), beat, p);
            }
          }
          beat += heartbeatMillis;
        }
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("the feed could not append: " + failure.get().getMessage(), failure.get());
    }
  }

  @SuppressWarnings("unchecked")
  private static void send(KafkaProducer<byte[], byte[]> producer, Map<String, WireFormat<SpecificRecord>> wires,
      AppendLog log, AtomicReference<Exception> failure, String topicName, SpecificRecord value, long eventTime,
      Integer partition) {
    Topic<SpecificRecord> topic = (Topic<SpecificRecord>) Topics.byName(topicName);
    WireFormat<SpecificRecord> wire = wires.computeIfAbsent(topicName, n -> WireFormat.of(topic));
    ProducerRecord<byte[], byte[]> record = TopicIO.record(topic, wire, value, eventTime, partition);
    String quoted = value instanceof MarketTick tick && tick.getPayload() instanceof Quote q ? q.getUnderlying() : null;
    producer.send(record, (metadata, error) -> {
      if (error != null) {
        failure.compareAndSet(null, error);
        return;
      }
      long acked = System.currentTimeMillis();
      log.appended(topic.name(), metadata.partition(), eventTime, acked);
      if (quoted != null) {
        log.quoteAppended(quoted, eventTime, acked);
      }
    });
  }
}
