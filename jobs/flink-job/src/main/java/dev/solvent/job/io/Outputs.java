package dev.solvent.job.io;

import dev.solvent.schema.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Where the job's output topics go: Kafka (exactly once), or JSON Lines files. */
public interface Outputs {

  <T extends SpecificRecord> void write(DataStream<T> stream, Topic<T> topic);
}
