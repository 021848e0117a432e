package dev.solvent.job.io;

import dev.solvent.job.ingest.IngestDecoder;
import dev.solvent.job.ingest.Ingested;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Input topics from files: per topic a list of JSON Lines ({@code .jsonl}, {@code .json}) or Avro container
 * ({@code .avro}) files, each read in order as one partition. A topic without files is empty.
 */
public final class FileInputs implements Inputs {

  private final Map<String, List<Path>> files;

  public FileInputs(Map<String, List<Path>> filesByTopic) {
    this.files = Map.copyOf(filesByTopic);
  }

  /**
   * A topic without files reads a file holding one heartbeat at the epoch: the graph keeps its shape, the source ends
   * at once, and it has emitted a record (a Flink 2.2 source task that finishes without any record declines every
   * later checkpoint as "closing", which would leave a whole replay without a completed checkpoint).
   */
  private static Path emptyFile(String topic) {
    try {
      Path empty = Files.createTempFile("solvent-empty-" + topic + "-", ".jsonl");
      empty.toFile().deleteOnExit();
      Files.writeString(empty, "{\"eventTime\": 0, " + (topic.equals("account.events") ? "\"sequence\": 0, " : "")
          + "\"payload\": {\"type\": \"Heartbeat\", \"producer\": \"solvent-empty-input\"}}\n");
      return empty;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public DataStream<Ingested> read(StreamExecutionEnvironment env, IngestDecoder<?> decoder,
      WatermarkStrategy<Ingested> watermarks) {
    String topic = decoder.input().name();
    List<Path> paths = files.getOrDefault(topic, List.of());
    if (paths.isEmpty()) {
      paths = List.of(emptyFile(topic));
    }
    DataStream<Ingested> union = null;
    for (int i = 0; i < paths.size(); i++) {
      Path path = paths.get(i);
      SimpleStreamFormat<Ingested> format = path.toString().endsWith(".avro")
          ? new AvroContainerFormat(decoder, i) : new JsonLinesFormat(decoder, i);
      FileSource<Ingested> source = FileSource.forRecordStreamFormat(format,
          new org.apache.flink.core.fs.Path(path.toAbsolutePath().toUri())).build();
      DataStream<Ingested> stream = env.fromSource(source, watermarks, "file " + topic + " #" + i)
          .uid("source-" + topic + "-" + i);
      union = union == null ? stream : union.union(stream);
    }
    return union;
  }
}
