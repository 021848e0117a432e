package dev.solvent.job.io;

import dev.solvent.schema.JsonFormat;
import dev.solvent.schema.Topic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.Encoder;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/**
 * Output topics as JSON Lines under {@code DIR/<topic>/}, exactly once (part files are committed with checkpoints;
 * a restored job never leaves a half-written or duplicated line in a committed file).
 */
public final class JsonLinesOutputs implements Outputs {

  private final Path directory;

  public JsonLinesOutputs(Path directory) {
    this.directory = directory;
  }

  @Override
  public <T extends SpecificRecord> void write(DataStream<T> stream, Topic<T> topic) {
    Encoder<T> encoder = (record, out) -> {
      out.write(JsonFormat.write(record).getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    };
    FileSink<T> sink = FileSink.forRowFormat(
            new org.apache.flink.core.fs.Path(directory.resolve(topic.name()).toAbsolutePath().toUri()), encoder)
        .withRollingPolicy(OnCheckpointRollingPolicy.build())
        .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("part").withPartSuffix(".jsonl").build())
        .build();
    stream.sinkTo(sink).name("jsonl " + topic.name()).uid("sink-" + topic.name());
  }
}
