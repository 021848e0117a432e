package dev.solvent.migrations;

import dev.solvent.harness.run.PipelineRun;
import dev.solvent.job.SolventEnvironment;
import dev.solvent.job.SolventPipeline;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.job.io.Delivery;
import dev.solvent.job.io.KafkaConnection;
import dev.solvent.job.io.KafkaInputs;
import dev.solvent.job.io.KafkaOutputs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The production job graph between Kafka topics (the job jar's sources and exactly-once sinks) on the embedded
 * cluster, run the three ways a savepoint fixture needs: from scratch to the end of bounded input; until it has read
 * given offsets and then stopped with a savepoint (mid-stream); restored from a savepoint, until it has read to the
 * end, then drained.
 */
final class KafkaJob {

  static final Duration TIMEOUT = Duration.ofMinutes(10);

  private final SolventConfig config;
  private final String bootstrap;

  /**
   * @param run names the consumer group and the transactional ids, so two runs on one broker never meet
   */
  KafkaJob(SolventConfig config, String bootstrap, String run, Path work) {
    this.bootstrap = bootstrap;
    this.config = config.with("kafka.bootstrap-servers", bootstrap).with("kafka.group-id", "solvent-" + run)
        .with("kafka.transactional-id-prefix", "solvent-" + run).with("metrics.port", "off")
        .with("checkpoint.dir", work.resolve(run + "-checkpoints").toUri().toString());
  }

  /** Reads every input topic to its end, as a bounded replay does, and finishes. */
  void runToEnd() throws Exception {
    StreamExecutionEnvironment env = environment(null);
    build(env, true);
    env.execute("solvent-" + config.get(SolventConfig.KAFKA_GROUP_ID));
  }

  /**
   * Runs unbounded (restored from {@code savepoint} when given) until the job has read every input partition up to
   * {@code ends}, then stops it with a canonical savepoint into {@code target}; {@code drain} first moves event time
   * to its end, as the end of a bounded replay does.
   *
   * @return the savepoint's path
   */
  String runAndStop(String savepoint, Map<TopicPartition, Long> ends, Path target, boolean drain) throws Exception {
    StreamExecutionEnvironment env = environment(savepoint);
    build(env, false);
    JobClient job = env.executeAsync("solvent-" + config.get(SolventConfig.KAFKA_GROUP_ID));
    try {
      awaitCommittedOffsets(ends, job);
      String path = job.stopWithSavepoint(drain, target.toUri().toString(), SavepointFormatType.CANONICAL)
          .get(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      job.getJobExecutionResult().get(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      return path;
    } catch (Exception e) {
      job.cancel();
      throw e;
    }
  }

  /** The end offset of every partition of the input topics. */
  static Map<TopicPartition, Long> inputEnds(String bootstrap) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      var partitions = admin.describeTopics(dev.solvent.harness.kafka.TopicIO.inputNames()).allTopicNames().get();
      Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
      partitions.forEach((topic, description) -> description.partitions()
          .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
      Map<TopicPartition, Long> ends = new java.util.TreeMap<>(java.util.Comparator.comparing(TopicPartition::topic)
          .thenComparingInt(TopicPartition::partition));
      admin.listOffsets(request).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
      return ends;
    }
  }

  private StreamExecutionEnvironment environment(String savepoint) {
    Configuration flink = PipelineRun.embedded();
    if (savepoint != null) {
      flink.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    }
    return SolventEnvironment.create(config, flink);
  }

  private void build(StreamExecutionEnvironment env, boolean bounded) {
    SolventPipeline.build(env,
        new KafkaInputs(KafkaConnection.plain(bootstrap), config.get(SolventConfig.KAFKA_GROUP_ID), "earliest",
            bounded),
        new KafkaOutputs(KafkaConnection.plain(bootstrap), config.get(SolventConfig.KAFKA_TRANSACTIONAL_ID_PREFIX),
            Delivery.EXACTLY_ONCE), config);
  }

  /**
   * Offsets are committed to the group when a checkpoint completes, so once the group holds {@code ends} the sources
   * have read that far; the aligned savepoint that follows has every record up to there processed.
   */
  private void awaitCommittedOffsets(Map<TopicPartition, Long> ends, JobClient job) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    String group = config.get(SolventConfig.KAFKA_GROUP_ID);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      while (true) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        boolean done = ends.entrySet().stream().allMatch(e -> e.getValue() == 0
            || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue());
        if (done) {
          return;
        }
        if (job.getJobStatus().get().isGloballyTerminalState()) {
          throw new IllegalStateException("the job ended before reading its input: "
              + job.getJobExecutionResult().handle((r, e) -> e).get());
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the job did not read its input within " + TIMEOUT + ": committed "
              + committed + ", expected " + ends);
        }
        Thread.sleep(200);
      }
    }
  }
}
