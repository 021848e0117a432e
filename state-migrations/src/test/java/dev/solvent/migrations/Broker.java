package dev.solvent.migrations;

import dev.solvent.harness.kafka.TopicIO;
import dev.solvent.schema.Topics;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A real Kafka broker (KRaft, combined broker and controller) in this process, on loopback, with Solvent's topics. */
final class Broker implements AutoCloseable {

  private final KafkaClusterTestKit kafka;

  private Broker(KafkaClusterTestKit kafka) {
    this.kafka = kafka;
  }

  static Broker start(int partitions) throws Exception {
    KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
        .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .build();
    kafka.format();
    kafka.startup();
    kafka.waitForReadyBrokers();
    Broker broker = new Broker(kafka);
    TopicIO.createTopics(broker.bootstrap(), Topics.names(), partitions);
    return broker;
  }

  String bootstrap() {
    return kafka.bootstrapServers();
  }

  @Override
  public void close() throws Exception {
    kafka.close();
  }
}
