package dev.solvent.job.io;

import dev.solvent.job.ingest.IngestDecoder;
import dev.solvent.job.ingest.Ingested;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Where the job's input topics come from: Kafka, or files. The job graph is the same either way. */
public interface Inputs {

  /** The topic's records as ingested (bytes, coordinates, event time), with per-partition watermarks. */
  DataStream<Ingested> read(StreamExecutionEnvironment env, IngestDecoder<?> decoder,
      WatermarkStrategy<Ingested> watermarks);
}
