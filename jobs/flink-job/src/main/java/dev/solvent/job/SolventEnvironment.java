package dev.solvent.job;

import dev.solvent.job.config.SolventConfig;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The execution settings every run mode shares: RocksDB with incremental checkpoints, exactly-once (unaligned)
 * checkpointing at the configured interval, a restart strategy, and no silent Kryo fallback (a type Flink cannot serialize natively
 * fails the job at start instead of slowing it down and breaking savepoint compatibility).
 */
public final class SolventEnvironment {

  /** Flink's Prometheus reporter (flink-metrics-prometheus), by class name: the job jar does not bundle it. */
  public static final String PROMETHEUS_REPORTER = "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";

  private SolventEnvironment() {}

  public static Configuration flinkConfiguration(SolventConfig config) {
    Configuration flink = new Configuration();
    flink.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
    flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
    flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(config.get(SolventConfig.CHECKPOINT_INTERVAL)));
    // A replay reads far faster than it computes: aligned barriers would queue behind the backlog and time out.
    flink.set(CheckpointingOptions.ENABLE_UNALIGNED, true);
    flink.set(PipelineOptions.GENERIC_TYPES, false);
    // Timers on the heap: every account's revaluation is a timer, and RocksDB timers cost a write and a read each.
    flink.setString("state.backend.rocksdb.timer-service.factory", "HEAP");
    flink.set(ExecutionOptions.BUFFER_TIMEOUT, Duration.ofMillis(config.get(SolventConfig.BUFFER_TIMEOUT)));
    flink.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, Duration.ofMillis(config.get(SolventConfig.WATERMARK_INTERVAL)));
    return flink;
  }

  /**
   * The execution environment of this process: a cluster's when submitted there, else an embedded MiniCluster. On a
   * cluster, where checkpoints go and how the job restarts are the cluster's (deploy/flink/config.yaml) unless
   * {@code checkpoint.dir} is given, and so are its metric reporters; embedded runs checkpoint to {@code checkpoint.dir},
   * give up after 10 restarts (a failing run ends with its cause instead of looping) and serve their metrics to
   * Prometheus on loopback at {@code metrics.port}.
   */
  public static StreamExecutionEnvironment create(SolventConfig config, Configuration extra) {
    Configuration flink = flinkConfiguration(config);
    boolean embedded = StreamExecutionEnvironment.getExecutionEnvironment() instanceof LocalStreamEnvironment;
    if (embedded || config.overrides().containsKey(SolventConfig.CHECKPOINT_DIR.name())) {
      flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.get(SolventConfig.CHECKPOINT_DIR));
    }
    if (embedded && !config.get(SolventConfig.METRICS_PORT).equals("off")) {
      flink.setString("metrics.reporter.prom.factory.class", PROMETHEUS_REPORTER);
      flink.setString("metrics.reporter.prom.host", "127.0.0.1");
      flink.setString("metrics.reporter.prom.port", config.get(SolventConfig.METRICS_PORT));
    }
    if (embedded) {
      flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
      flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
      flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
    }
    flink.addAll(extra);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
    env.setParallelism(config.get(SolventConfig.PARALLELISM));
    return env;
  }
}
