package dev.solvent.harness.bench;

import dev.solvent.harness.run.PipelineRun;
import dev.solvent.harness.scenario.RandomScenario;
import dev.solvent.job.config.SolventConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Throughput of the whole job graph on an embedded MiniCluster: a generated scenario is written to files, replayed
 * with RocksDB and checkpoints, and the rate of input events and of account revaluations is printed with the
 * command line that produced it.
 */
public final class PipelineThroughput {

  private PipelineThroughput() {}

  /** The records in a scenario's input files (one JSON line each). */
  static long inputEvents(Map<String, List<Path>> inputs) throws IOException {
    long events = 0;
    for (List<Path> files : inputs.values()) {
      for (Path f : files) {
        try (var lines = Files.lines(f)) {
          events += lines.count();
        }
      }
    }
    return events;
  }

  public static int run(int accounts, int seconds, int parallelism, PrintStream out) throws Exception {
    Path dir = Files.createTempDirectory("solvent-throughput");
    long generateStart = System.nanoTime();
    Map<String, List<Path>> inputs = RandomScenario.generate(42, accounts, seconds, 0.35).write(dir.resolve("in"));
    long inputEvents = inputEvents(inputs);
    double generateSeconds = (System.nanoTime() - generateStart) / 1e9;
    SolventConfig config = SolventConfig.defaults().with("job.parallelism", Integer.toString(parallelism))
        .with("checkpoint.interval-ms", "10000");
    long start = System.nanoTime();
    PipelineRun result = PipelineRun.run(inputs, dir.resolve("out"), config);
    double elapsed = (System.nanoTime() - start) / 1e9;
    long updates = result.lines("margin.updates").size();
    long outputs = dev.solvent.schema.Topics.OUTPUTS.stream().mapToLong(t -> result.lines(t.name()).size()).sum();
    out.printf("command: ./solvent throughput --accounts %d --seconds %d --parallelism %d%n", accounts, seconds,
        parallelism);
    out.printf("scenario: %d accounts, %d s of event time, %d input events (generated in %.1f s)%n", accounts,
        seconds, inputEvents, generateSeconds);
    out.printf("run: %.1f s wall (job start included), %.0f input events/s, %d output records (%d margin updates)%n",
        elapsed, inputEvents / elapsed, outputs, updates);
    return 0;
  }
}
