package dev.solvent.job;

import dev.solvent.job.config.SolventConfig;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The execution settings every run mode shares: RocksDB with incremental checkpoints, exactly-once (unaligned)
 * checkpointing at the configured interval, a restart strategy, and no silent Kryo fallback (a type Flink cannot serialize natively
 * fails the job at start instead of slowing it down and breaking savepoint compatibility).
 */
public final class SolventEnvironment {

  private SolventEnvironment() {}

  public static Configuration flinkConfiguration(SolventConfig config) {
    Configuration flink = new Configuration();
    flink.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
    flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
    flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(config.get(SolventConfig.CHECKPOINT_INTERVAL)));
    flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.get(SolventConfig.CHECKPOINT_DIR));
    // A replay reads far faster than it computes: aligned barriers would queue behind the backlog and time out.
    flink.set(CheckpointingOptions.ENABLE_UNALIGNED, true);
    flink.set(PipelineOptions.GENERIC_TYPES, false);
    // Timers on the heap: every account's revaluation is a timer, and RocksDB timers cost a write and a read each.
    flink.setString("state.backend.rocksdb.timer-service.factory", "HEAP");
    flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
    flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
    return flink;
  }

  /** The execution environment of this process: a cluster's when submitted there, else an embedded MiniCluster. */
  public static StreamExecutionEnvironment create(SolventConfig config, Configuration extra) {
    Configuration flink = flinkConfiguration(config);
    flink.addAll(extra);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
    env.setParallelism(config.get(SolventConfig.PARALLELISM));
    return env;
  }
}
