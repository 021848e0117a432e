package dev.solvent.job.io;

import dev.solvent.job.ingest.IngestDecoder;
import dev.solvent.job.ingest.Ingested;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Kafka records to {@link Ingested}: nothing is thrown away here, undecodable values carry their reason onwards. */
final class IngestDeserializer implements KafkaRecordDeserializationSchema<Ingested> {

  private static final long serialVersionUID = 1L;
  private final IngestDecoder<?> decoder;

  IngestDeserializer(IngestDecoder<?> decoder) {
    this.decoder = decoder;
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Ingested> out) {
    out.collect(decoder.ingest(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
        IngestDecoder.Format.AVRO));
  }

  @Override
  public TypeInformation<Ingested> getProducedType() {
    return TypeInformation.of(Ingested.class);
  }
}
