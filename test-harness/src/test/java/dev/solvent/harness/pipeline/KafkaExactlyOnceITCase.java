package dev.solvent.harness.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.harness.kafka.TopicIO;
import dev.solvent.harness.run.PipelineRun;
import dev.solvent.harness.scenario.RandomScenario;
import dev.solvent.harness.scenario.Scenario;
import dev.solvent.job.SolventEnvironment;
import dev.solvent.job.SolventPipeline;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.job.io.Delivery;
import dev.solvent.job.io.KafkaConnection;
import dev.solvent.job.io.KafkaInputs;
import dev.solvent.job.io.KafkaOutputs;
import dev.solvent.schema.Topic;
import dev.solvent.schema.Topics;
import dev.solvent.schema.WireFormat;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a real Kafka broker (KRaft, in process, on loopback): the job reads the input topics and writes the output
 * topics through transactions; read_committed, every output record is there exactly once, and the topics equal
 * what the same job graph writes for the same history from files.
 */
class KafkaExactlyOnceITCase {

  @TempDir
  Path dir;

  @Test
  void committedOutputsAreExactlyTheFileRunsOutputs() throws Exception {
    Scenario scenario = RandomScenario.generate(5, 200, 180, 0.35);
    SolventConfig config = SolventConfig.defaults().with("job.parallelism", "2")
        .with("checkpoint.interval-ms", "500");
    var expected = PipelineRun.run(scenario.write(dir.resolve("in")), dir.resolve("out"), config).canonical();

    try (KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
            .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .build()) {
      kafka.format();
      kafka.startup();
      kafka.waitForReadyBrokers();
      String bootstrap = kafka.bootstrapServers();
      TopicIO.createTopics(bootstrap, Topics.names(), 2);
      produce(bootstrap, scenario);

      SolventConfig kafkaConfig = config.with("kafka.bootstrap-servers", bootstrap)
          .with("checkpoint.dir", dir.resolve("kafka-checkpoints").toUri().toString());
      StreamExecutionEnvironment env = SolventEnvironment.create(kafkaConfig, new Configuration());
      SolventPipeline.build(env, new KafkaInputs(KafkaConnection.plain(bootstrap), "solvent-test", "earliest", true),
          new KafkaOutputs(KafkaConnection.plain(bootstrap), "solvent-test", Delivery.EXACTLY_ONCE), kafkaConfig);
      env.execute("solvent-kafka");
      // The job's last commit returns before its markers are written: read once no transaction is open, as the
      // fault test does, or a read_committed read can stop at a pinned LSO and see a truncated topic.
      TopicIO.awaitNoOpenTransaction(bootstrap, TopicIO.outputNames(), java.time.Duration.ofSeconds(60));

      long total = 0;
      for (Topic<?> topic : Topics.OUTPUTS) {
        @SuppressWarnings("unchecked")
        Topic<SpecificRecord> t = (Topic<SpecificRecord>) topic;
        List<SpecificRecord> committed = TopicIO.readCommitted(bootstrap, t);
        total += committed.size();
        assertThat(PipelineRun.canonical(t, committed)).as(topic.name()).isEqualTo(expected.get(topic.name()));
      }
      assertThat(total).isGreaterThan(1_000);
      System.out.printf("kafka: %d committed output records, each exactly once, identical to the file run%n", total);
    }
  }

  /** Every input record to its topic (partition by key), plus a heartbeat on every partition at the end. */
  private static void produce(String bootstrap, Scenario scenario) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = TopicIO.producer(bootstrap, true)) {
      for (var entry : scenario.records().entrySet()) {
        @SuppressWarnings("unchecked")
        Topic<SpecificRecord> topic = (Topic<SpecificRecord>) Topics.byName(entry.getKey());
        WireFormat<SpecificRecord> wire = WireFormat.of(topic);
        for (SpecificRecord record : entry.getValue()) {
          producer.send(TopicIO.record(topic, wire, record, PipelineRun.eventTime(record), null));
        }
      }
      long end = Scenario.T0 + 200_000;
      Scenario heartbeats = new Scenario().heartbeats(end - Scenario.T0);
      for (var entry : heartbeats.records().entrySet()) {
        @SuppressWarnings("unchecked")
        Topic<SpecificRecord> topic = (Topic<SpecificRecord>) Topics.byName(entry.getKey());
        WireFormat<SpecificRecord> wire = WireFormat.of(topic);
        for (int partition = 0; partition < 2; partition++) {
          producer.send(TopicIO.record(topic, wire, entry.getValue().get(0), end, partition));
        }
      }
      producer.flush();
    }
  }
}
