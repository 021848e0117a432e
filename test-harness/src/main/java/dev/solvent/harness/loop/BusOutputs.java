package dev.solvent.harness.loop;

import dev.solvent.job.io.Outputs;
import dev.solvent.schema.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Output topics onto a {@link Bus}: one writer per topic hands each record and each watermark to the driver, which
 * learns from the watermarks when the job's outputs are complete up to a time.
 */
public final class BusOutputs implements Outputs {

  private final String busId;

  public BusOutputs(Bus bus) {
    this.busId = bus.id();
  }

  @Override
  public <T extends SpecificRecord> void write(DataStream<T> stream, Topic<T> topic) {
    stream.sinkTo(new BusSink<>(busId, topic.name())).setParallelism(1).name("bus " + topic.name())
        .uid("sink-" + topic.name());
  }

  private record BusSink<T extends SpecificRecord>(String busId, String topic) implements Sink<T> {
    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
      Bus bus = Bus.get(busId);
      return new SinkWriter<>() {
        @Override
        public void write(T record, Context ignored) {
          bus.output(topic, record);
        }

        @Override
        public void writeWatermark(Watermark watermark) {
          bus.watermark(topic, watermark.getTimestamp());
        }

        @Override
        public void flush(boolean endOfInput) {
          if (endOfInput) {
            bus.watermark(topic, Long.MAX_VALUE);
          }
        }

        @Override
        public void close() {}
      };
    }
  }
}
