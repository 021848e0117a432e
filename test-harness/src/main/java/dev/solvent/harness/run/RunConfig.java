package dev.solvent.harness.run;

import dev.solvent.job.config.SolventConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The job configuration of a run: the user's file and overrides, on top of what the run itself needs. */
public final class RunConfig {

  private RunConfig() {}

  /**
   * The configuration of a closed-loop run: the file and overrides over the loop's own needs (no out-of-order
   * slack: the loop feeds in event-time order, so holding records back would only slow each step).
   */
  public static SolventConfig loop(Path file, List<String> overrides) {
    return withDefaults(SolventConfig.load(file, overrides),
        Map.of("input.max-out-of-orderness-ms", "0", "job.parallelism", "2"));
  }

  /** {@code defaults} for every key the user did not set. */
  public static SolventConfig withDefaults(SolventConfig config, Map<String, String> defaults) {
    SolventConfig result = config;
    for (var e : new TreeMap<>(defaults).entrySet()) {
      if (!config.overrides().containsKey(e.getKey())) {
        result = result.with(e.getKey(), e.getValue());
      }
    }
    return result;
  }

  /** Where an embedded run serves its metrics, for the run's header. */
  public static String metricsLine(SolventConfig config) {
    String port = config.get(SolventConfig.METRICS_PORT);
    return port.equals("off") ? "metrics: off" : "metrics: Prometheus endpoint on 127.0.0.1, first free port of " + port
        + " (metrics.port=off turns it off)";
  }
}
