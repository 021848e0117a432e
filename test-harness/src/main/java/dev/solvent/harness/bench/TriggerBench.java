package dev.solvent.harness.bench;

import dev.solvent.harness.run.PipelineRun;
import dev.solvent.harness.run.RunConfig;
import dev.solvent.harness.scenario.RandomScenario;
import dev.solvent.harness.scenario.Scenario;
import dev.solvent.job.account.TriggerCounters;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.risk.trigger.TriggerIndex;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code ./solvent bench} (README "Performance"): on one generated population and price path (RandomScenario: quotes
 * every second, a crash (35 % by default) over a minute a third of the way in, the oracle at its defaults), the
 * pipeline's valuations per second against the core's alone, the share of exposed accounts each oracle
 * publication revalues in calm and in crash, and the cost curve over population sizes.
 */
public final class TriggerBench {

  private TriggerBench() {}

  /**
   * @param configFile a job configuration file, or null
   * @param overrides KEY=VALUE settings for every run, over the file's
   */
  public static int run(List<Integer> populations, int seconds, int parallelism, double calmVol, double crash,
      Path configFile, List<String> overrides, PrintStream out) throws Exception {
    out.printf("command: ./solvent bench --accounts %s --seconds %d --parallelism %d --calm-vol %s --crash %s%s%s%n",
        String.join(",", populations.stream().map(String::valueOf).toList()), seconds, parallelism, calmVol, crash,
        configFile == null ? "" : " --config " + configFile, overrides.stream().map(o -> " " + o)
            .collect(Collectors.joining()));
    SolventConfig config = RunConfig.withDefaults(SolventConfig.load(configFile, overrides), Map.of(
        "job.parallelism", Integer.toString(parallelism), "checkpoint.interval-ms", "10000"));
    int first = populations.get(0);
    Scenario scenario = RandomScenario.generate(42, first, seconds, crash, calmVol);
    Path dir = Files.createTempDirectory("solvent-bench");
    var inputs = scenario.write(dir.resolve("in-" + first));

    out.println();
    out.printf("1. valuations per second, %,d accounts%n", first);
    double core = CoreValuations.perSecond(scenario, config, 30);
    Measured off = measure(inputs, dir.resolve("off"), config.with("risk.trigger-index", "off"));
    Measured on = measure(inputs, dir.resolve("on"), config);
    double offRate = off.valuations() / off.wall();
    out.printf("   core alone (AccountBook.step in a loop):        %,12.0f valuations/s%n", core);
    out.printf("   pipeline, index off (every holder every price): %,12.0f valuations/s all-in (%d in %.1f s): "
        + "%.0f %% of the core's%n", offRate, off.valuations(), off.wall(), 100 * offRate / core);
    out.printf("   pipeline, index on:                             %,12d valuations in %.1f s (%.1f x fewer)%n",
        on.valuations(), on.wall(), (double) off.valuations() / Math.max(1, on.valuations()));

    out.println();
    out.println("2. accounts revalued per oracle publication, as a share of the accounts exposed to it (index on)");
    long crashFrom = Scenario.T0 / 60_000 + seconds / 3 / 60;
    long crashTo = Scenario.T0 / 60_000 + (seconds / 3 + 60 + 59) / 60; // the minutes the fall touches
    int width = 4 + TriggerIndex.Cause.values().length;
    long[] calm = new long[width];
    long[] fall = new long[width];
    long[] after = new long[width];
    on.byMinute().forEach((minute, sums) -> {
      long[] into = crash == 0 || minute < crashFrom ? calm : minute < crashTo ? fall : after;
      for (int i = 0; i < width; i++) {
        into[i] += sums[i];
      }
    });
    long t0 = Scenario.T0 / 60_000;
    if (crash == 0) {
      share(out, "calm (no fall), the whole run", calm);
    } else {
      share(out, "calm, before the fall", calm);
      share(out, String.format("the fall (minutes %d to %d)", crashFrom - t0, crashTo - 1 - t0), fall);
      share(out, "after it (realized volatility high)", after);
    }
    out.printf("   index off: %6.2f %% (every holder)%n", 100.0 * off.revalued() / Math.max(1, off.exposed()));

    out.println();
    out.println("3. cost curve (index on, RocksDB, checkpoints every 10 s)");
    out.println("   accounts   wall s   event/wall   input ev/s   valuations   peak RSS MB   max ckpt MB   ckpt avg/max ms");
    for (int n : populations) {
      var in = n == first ? inputs
          : RandomScenario.generate(42, n, seconds, crash, calmVol).write(dir.resolve("in-" + n));
      Measured m = n == first ? on : measure(in, dir.resolve("on-" + n), config);
      out.printf("   %,9d %8.1f %12.2f %12.0f %12d %13d %13.1f %10d/%d%n", n, m.wall(), seconds / m.wall(),
          m.inputs() / m.wall(), m.valuations(), peakRssMb(), m.checkpointBytes() / 1e6, m.checkpointAvgMs(),
          m.checkpointMaxMs());
    }
    return 0;
  }

  private static void share(PrintStream out, String period, long[] sums) {
    out.printf("   %-38s %6.2f %% (%,d revaluations over %,d exposed accounts at %,d publications)%n", period + ":",
        100.0 * sums[2] / Math.max(1, sums[1]), sums[2], sums[1], sums[0]);
    StringBuilder causes = new StringBuilder();
    for (TriggerIndex.Cause cause : TriggerIndex.Cause.values()) {
      causes.append(causes.isEmpty() ? "" : ", ").append(cause.name().toLowerCase(java.util.Locale.ROOT))
          .append(String.format(" %.2f %%", 100.0 * sums[3 + cause.ordinal()] / Math.max(1, sums[1])));
    }
    out.printf("   %-38s %s%n", "", causes);
    out.printf("   %-38s needed (emitted an output without an event of their own): %.2f %%%n", "",
        100.0 * sums[3 + TriggerIndex.Cause.values().length] / Math.max(1, sums[1]));
  }

  private record Measured(double wall, long inputs, long valuations, long exposed, long revalued,
      TreeMap<Long, long[]> byMinute, long checkpointBytes, long checkpointAvgMs, long checkpointMaxMs) {}

  private static Measured measure(Map<String, List<Path>> inputs, Path out, SolventConfig config) throws Exception {
    long events = PipelineThroughput.inputEvents(inputs);
    Path checkpoints = out.resolveSibling(out.getFileName() + "-checkpoints");
    AtomicLong largest = new AtomicLong();
    Thread watcher = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        largest.accumulateAndGet(size(checkpoints), Math::max);
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "checkpoint-size");
    watcher.setDaemon(true);
    watcher.start();
    long start = System.nanoTime();
    PipelineRun run = PipelineRun.run(inputs, out, config);
    double wall = (System.nanoTime() - start) / 1e9;
    watcher.interrupt();
    long count = number(run, TriggerCounters.CHECKPOINTS);
    return new Measured(wall, events, number(run, TriggerCounters.VALUATIONS), number(run, TriggerCounters.EXPOSED),
        number(run, TriggerCounters.REVALUED), run.accumulator(TriggerCounters.BY_MINUTE), largest.get(),
        count == 0 ? 0 : number(run, TriggerCounters.CHECKPOINT_MS_SUM) / count,
        number(run, TriggerCounters.CHECKPOINT_MS_MAX));
  }

  private static long number(PipelineRun run, String name) {
    Object value = run.accumulator(name);
    return value == null ? 0 : ((Number) value).longValue();
  }

  private static long size(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0; // deleted while walking: a checkpoint subsumed
        }
      }).sum();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  /** This JVM's peak resident set (VmHWM), in MB; 0 where /proc is absent. */
  private static long peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return 0;
  }
}
