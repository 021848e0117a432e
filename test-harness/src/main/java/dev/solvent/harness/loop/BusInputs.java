package dev.solvent.harness.loop;

import dev.solvent.job.ingest.IngestDecoder;
import dev.solvent.job.ingest.Ingested;
import dev.solvent.job.io.Inputs;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Input topics from a {@link Bus}: one single-split source per topic, as a one-partition Kafka topic would be. */
public final class BusInputs implements Inputs {

  private final String busId;

  public BusInputs(Bus bus) {
    this.busId = bus.id();
  }

  @Override
  public DataStream<Ingested> read(StreamExecutionEnvironment env, IngestDecoder<?> decoder,
      WatermarkStrategy<Ingested> watermarks) {
    String topic = decoder.input().name();
    return env.fromSource(new BusSource(busId, decoder), watermarks, "bus " + topic).setParallelism(1)
        .uid("source-" + topic);
  }
}
