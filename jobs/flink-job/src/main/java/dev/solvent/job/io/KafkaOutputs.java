package dev.solvent.job.io;

import dev.solvent.schema.Topic;
import dev.solvent.schema.WireFormat;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Output topics to Kafka. Exactly once: transactions committed with each checkpoint, one transactional-id prefix per
 * job and topic. At least once: the idempotent producer appends each record at once (no duplicates from its own
 * retries, order kept per partition); a restart re-emits from the last checkpoint (see {@link Delivery}). Keys are
 * the topic's key rule in UTF-8, values the Avro wire format, record timestamps the event time.
 */
public final class KafkaOutputs implements Outputs {

  private final KafkaConnection kafka;
  private final String transactionalIdPrefix;
  private final Delivery delivery;

  public KafkaOutputs(KafkaConnection kafka, String transactionalIdPrefix, Delivery delivery) {
    this.kafka = kafka;
    this.transactionalIdPrefix = transactionalIdPrefix;
    this.delivery = delivery;
  }

  @Override
  public <T extends SpecificRecord> void write(DataStream<T> stream, Topic<T> topic) {
    var builder = KafkaSink.<T>builder()
        .setBootstrapServers(kafka.bootstrapServers())
        .setRecordSerializer(new Serializer<>(topic));
    kafka.security().forEach(builder::setProperty);
    if (delivery == Delivery.EXACTLY_ONCE) {
      builder.setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
          .setTransactionalIdPrefix(transactionalIdPrefix + "-" + topic.name())
          // A transaction stays open from one checkpoint to the next and across a restart; if the broker aborted it
          // sooner, the commit after a slow checkpoint would fail with a fenced producer and kill the task.
          .setProperty("transaction.timeout.ms", "600000");
    } else {
      builder.setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
          .setProperty("enable.idempotence", "true")
          // A record waits for no batch to fill: latency is what this mode is for (under load batches form anyway).
          .setProperty("linger.ms", "0")
          .setProperty("acks", "all");
    }
    stream.sinkTo(builder.build()).name("kafka " + topic.name()).uid("sink-" + topic.name());
  }

  private static final class Serializer<T extends SpecificRecord> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;
    private final Topic<T> topic;
    private transient WireFormat<T> wire;

    Serializer(Topic<T> topic) {
      this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T record, KafkaSinkContext context, Long timestamp) {
      if (wire == null) {
        wire = WireFormat.of(topic);
      }
      return new ProducerRecord<>(topic.name(), null, timestamp, topic.key(record).getBytes(StandardCharsets.UTF_8),
          wire.encode(record));
    }
  }
}
