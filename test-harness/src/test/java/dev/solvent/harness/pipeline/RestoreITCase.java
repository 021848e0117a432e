package dev.solvent.harness.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.job.SolventEnvironment;
import dev.solvent.job.SolventPipeline;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.job.io.FileInputs;
import dev.solvent.job.io.JsonLinesOutputs;
import dev.solvent.harness.run.PipelineRun;
import dev.solvent.harness.scenario.RandomScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once across a stop: a run cancelled mid-stream and restored from its last retained checkpoint commits, in
 * total, exactly the outputs of an uninterrupted run (RocksDB state, source positions and the file sink's pending
 * parts all come back from the checkpoint; nothing after it was committed).
 */
class RestoreITCase {

  @TempDir
  Path dir;

  @Test
  void stoppedAndRestoredRunEqualsUninterruptedRun() throws Exception {
    Map<String, List<Path>> inputs = RandomScenario.generate(23, 400, 300, 0.35).write(dir.resolve("in"));
    SolventConfig config = SolventConfig.defaults().with("job.parallelism", "2").with("checkpoint.interval-ms", "300");
    var uninterrupted = PipelineRun.run(inputs, dir.resolve("straight"), config).canonical();

    Path output = dir.resolve("restored");
    Path checkpoints = dir.resolve("checkpoints");
    SolventConfig interrupted = config.with("checkpoint.dir", checkpoints.toUri().toString());
    Path checkpoint = cancelAfterCheckpoint(inputs, output, interrupted, checkpoints, 3);
    long committedBeforeStop = countLines(output);

    restoreAndFinish(inputs, output, interrupted, checkpoint);

    var restored = PipelineRun.read(output).canonical();
    assertThat(committedBeforeStop).as("the stop came mid-stream").isGreaterThan(0);
    for (String topic : uninterrupted.keySet()) {
      assertThat(restored.get(topic)).as(topic).isEqualTo(uninterrupted.get(topic));
    }
    System.out.printf("restore: stopped after checkpoint %s with %d lines committed; restored run completes "
        + "identically%n", checkpoint.getFileName(), committedBeforeStop);
  }

  /**
   * Runs the job on {@code inputs} until checkpoint {@code count} is complete in {@code checkpoints} (the config's
   * checkpoint.dir) and cancels it, keeping that checkpoint.
   */
  static Path cancelAfterCheckpoint(Map<String, List<Path>> inputs, Path output, SolventConfig config,
      Path checkpoints, int count) throws Exception {
    Configuration retain = new Configuration();
    retain.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    StreamExecutionEnvironment env = SolventEnvironment.create(config, retain);
    SolventPipeline.build(env, new FileInputs(inputs), new JsonLinesOutputs(output), config);
    JobClient job = env.executeAsync("solvent-interrupted");
    Path checkpoint = awaitCheckpoint(checkpoints, count, Duration.ofSeconds(120));
    job.cancel().get();
    assertThat(job.getJobExecutionResult().handle((r, e) -> e)).succeedsWithin(Duration.ofSeconds(60));
    return checkpoint;
  }

  /** Restores the job from {@code checkpoint} with {@code config} and runs it to the end of its inputs. */
  static void restoreAndFinish(Map<String, List<Path>> inputs, Path output, SolventConfig config, Path checkpoint)
      throws Exception {
    Configuration restore = new Configuration();
    restore.set(StateRecoveryOptions.SAVEPOINT_PATH, checkpoint.toUri().toString());
    StreamExecutionEnvironment env = SolventEnvironment.create(config, restore);
    SolventPipeline.build(env, new FileInputs(inputs), new JsonLinesOutputs(output), config);
    env.execute("solvent-restored");
  }

  /** Waits until a checkpoint numbered at least {@code count} is complete (only the newest is retained). */
  static Path awaitCheckpoint(Path checkpoints, int count, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(checkpoints)) {
        try (Stream<Path> files = Files.walk(checkpoints, 2)) {
          var newest = files.filter(p -> p.getFileName().toString().startsWith("chk-"))
              .filter(p -> Files.exists(p.resolve("_metadata")))
              .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().substring(4))));
          if (newest.isPresent() && Integer.parseInt(newest.get().getFileName().toString().substring(4)) >= count) {
            return newest.get();
          }
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no " + count + " checkpoints within " + timeout);
  }

  private static long countLines(Path output) throws Exception {
    if (!Files.exists(output)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(output)) {
      long lines = 0;
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("part")).toList()) {
        lines += Files.readAllLines(f).size();
      }
      return lines;
    }
  }
}
