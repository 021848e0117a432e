package dev.solvent.harness.run;

import org.apache.flink.api.common.JobExecutionResult;
import dev.solvent.job.SolventEnvironment;
import dev.solvent.job.SolventPipeline;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.job.io.FileInputs;
import dev.solvent.job.io.JsonLinesFiles;
import dev.solvent.job.io.JsonLinesOutputs;
import dev.solvent.schema.Topic;
import dev.solvent.schema.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Runs the job graph on files in the test's MiniCluster and reads the committed outputs back. */
public final class PipelineRun {

  private final Path output;
  private final JobExecutionResult result;

  private PipelineRun(Path output, JobExecutionResult result) {
    this.output = output;
    this.result = result;
  }

  public static PipelineRun run(Map<String, List<Path>> inputs, Path output, SolventConfig config) throws Exception {
    StreamExecutionEnvironment env = SolventEnvironment.create(config.with("checkpoint.dir",
        output.resolveSibling(output.getFileName() + "-checkpoints").toUri().toString()), embedded());
    SolventPipeline.build(env, new FileInputs(inputs), new JsonLinesOutputs(output), config);
    return new PipelineRun(output, env.execute("solvent-test"));
  }

  /** The committed outputs already in {@code output}. */
  public static PipelineRun read(Path output) {
    return new PipelineRun(output, null);
  }

  /** An accumulator of the run (null when read back from files, or never registered). */
  @SuppressWarnings("unchecked")
  public <T> T accumulator(String name) {
    return result == null ? null : (T) result.getAllAccumulatorResults().get(name);
  }

  /**
   * The embedded cluster's memory: RocksDB gets 1 GiB of managed memory for its block cache and write buffers
   * (the local default of 128 MiB thrashes beyond a few ten thousand accounts).
   */
  public static Configuration embedded() {
    Configuration flink = new Configuration();
    flink.setString("taskmanager.memory.managed.size", "1g");
    return flink;
  }

  public <T extends SpecificRecord> List<T> records(Topic<T> topic) {
    return JsonLinesFiles.read(output, topic);
  }

  public List<String> lines(String topic) {
    return JsonLinesFiles.lines(output, topic);
  }

  /**
   * Every output topic, canonically (architecture.md, "Deterministic in event time"): per topic, per key, the
   * records sorted by event time, then by their canonical JSON; two runs are identical when these are equal.
   */
  public Map<String, Map<String, List<String>>> canonical() {
    Map<String, Map<String, List<String>>> all = new TreeMap<>();
    for (Topic<?> topic : Topics.OUTPUTS) {
      @SuppressWarnings("unchecked")
      Topic<SpecificRecord> t = (Topic<SpecificRecord>) topic;
      all.put(topic.name(), canonical(t, records(t)));
    }
    return all;
  }

  /** One topic's records canonically: by key, each key's records sorted by event time, then canonical JSON. */
  public static Map<String, List<String>> canonical(Topic<SpecificRecord> topic, List<SpecificRecord> records) {
    Map<String, List<SpecificRecord>> byKey = new TreeMap<>();
    for (SpecificRecord record : records) {
      byKey.computeIfAbsent(topic.key(record), k -> new java.util.ArrayList<>()).add(record);
    }
    Map<String, List<String>> sorted = new TreeMap<>();
    byKey.forEach((key, values) -> sorted.put(key, values.stream()
        .sorted(java.util.Comparator.comparingLong(PipelineRun::eventTime)
            .thenComparing(dev.solvent.schema.JsonFormat::write))
        .map(dev.solvent.schema.JsonFormat::write).toList()));
    return sorted;
  }

  /** A record's event time: eventTime, or publishTime for oracle prices; 0 for a record with neither. */
  public static long eventTime(SpecificRecord record) {
    var field = record.getSchema().getField("eventTime");
    if (field == null) {
      field = record.getSchema().getField("publishTime");
    }
    Object value = field == null ? null : record.get(field.pos());
    return value instanceof java.time.Instant instant ? instant.toEpochMilli() : 0;
  }
}
