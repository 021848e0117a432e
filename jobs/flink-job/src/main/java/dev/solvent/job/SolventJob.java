package dev.solvent.job;

import dev.solvent.job.config.SolventConfig;
import dev.solvent.job.io.KafkaConnection;
import dev.solvent.job.io.KafkaInputs;
import dev.solvent.job.io.KafkaOutputs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point of the job jar submitted to a Flink cluster: reads the input topics from Kafka and writes the output
 * topics back exactly once. Arguments: {@code [--config FILE] [--bounded] [--plan] [key=value ...]}.
 */
public final class SolventJob {

  private SolventJob() {}

  public static void main(String[] args) throws Exception {
    Path file = null;
    boolean bounded = false;
    boolean planOnly = false;
    List<String> overrides = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> file = Path.of(args[++i]);
        case "--bounded" -> bounded = true;
        case "--plan" -> planOnly = true;
        default -> overrides.add(args[i].startsWith("--") ? args[i].substring(2) : args[i]);
      }
    }
    SolventConfig config = SolventConfig.load(file, overrides);
    StreamExecutionEnvironment env = SolventEnvironment.create(config, new Configuration());
    KafkaConnection kafka = KafkaConnection.of(config.get(SolventConfig.KAFKA_BOOTSTRAP),
        config.get(SolventConfig.KAFKA_CLIENT_PROPERTIES));
    SolventPipeline.build(env,
        new KafkaInputs(kafka, config.get(SolventConfig.KAFKA_GROUP_ID), config.get(SolventConfig.KAFKA_START),
            bounded),
        new KafkaOutputs(kafka, config.get(SolventConfig.KAFKA_TRANSACTIONAL_ID_PREFIX),
            config.get(SolventConfig.OUTPUT_DELIVERY)),
        config);
    if (planOnly) {
      System.out.println(env.getExecutionPlan());
      return;
    }
    env.execute("solvent");
  }
}
