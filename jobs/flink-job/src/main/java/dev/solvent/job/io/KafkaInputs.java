package dev.solvent.job.io;

import dev.solvent.job.ingest.IngestDecoder;
import dev.solvent.job.ingest.Ingested;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Input topics from Kafka: committed offsets live in checkpoints, producers' transactions are read committed, and
 * each partition gets its own watermark. A replay is bounded (stops at the offsets that are latest when it starts).
 */
public final class KafkaInputs implements Inputs {

  private final KafkaConnection kafka;
  private final String groupId;
  private final String start;
  private final boolean bounded;

  /**
   * @param start {@code earliest} or {@code timestamp:<epoch ms>}
   * @param bounded stop at the latest offsets seen at start (replays) instead of running forever
   */
  public KafkaInputs(KafkaConnection kafka, String groupId, String start, boolean bounded) {
    this.kafka = kafka;
    this.groupId = groupId;
    this.start = start;
    this.bounded = bounded;
  }

  @Override
  public DataStream<Ingested> read(StreamExecutionEnvironment env, IngestDecoder<?> decoder,
      WatermarkStrategy<Ingested> watermarks) {
    String topic = decoder.input().name();
    KafkaSourceBuilder<Ingested> builder = KafkaSource.<Ingested>builder()
        .setBootstrapServers(kafka.bootstrapServers())
        .setTopics(topic)
        .setGroupId(groupId)
        .setStartingOffsets(start.equals("earliest") ? OffsetsInitializer.earliest()
            : OffsetsInitializer.timestamp(Long.parseLong(start.substring("timestamp:".length()))))
        .setDeserializer(new IngestDeserializer(decoder))
        .setProperty("isolation.level", "read_committed")
        .setProperty("commit.offsets.on.checkpoint", "true");
    kafka.security().forEach(builder::setProperty);
    if (bounded) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return env.fromSource(builder.build(), watermarks, "kafka " + topic).uid("source-" + topic);
  }
}
