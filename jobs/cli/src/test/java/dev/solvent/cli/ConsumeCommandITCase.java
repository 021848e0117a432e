package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.avro.margin.MarginMode;
import dev.solvent.avro.margin.MarginStatus;
import dev.solvent.avro.margin.MarginUpdate;
import dev.solvent.harness.kafka.TopicIO;
import dev.solvent.schema.Topics;
import dev.solvent.schema.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./solvent consume} on a real broker (KRaft, in process): what a venue's consumer sees of an output topic,
 * committed transactions only, decoded, per key.
 */
class ConsumeCommandITCase {

  private static KafkaClusterTestKit kafka;
  private static String bootstrap;

  @BeforeAll
  static void broker() throws Exception {
    kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
        .setNumControllerNodes(1).build())
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("offsets.topic.replication.factor", "1")
        .build();
    kafka.format();
    kafka.startup();
    kafka.waitForReadyBrokers();
    bootstrap = kafka.bootstrapServers();
    TopicIO.createTopics(bootstrap, List.of("margin.updates"), 2);
    WireFormat<MarginUpdate> wire = WireFormat.of(Topics.MARGIN_UPDATES);
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("key.serializer", ByteArraySerializer.class.getName());
    p.put("value.serializer", ByteArraySerializer.class.getName());
    p.put("transactional.id", "consume-test");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(record(wire, update("alice", 1, "100")));
      producer.send(record(wire, update("bob", 1, "200")));
      producer.send(record(wire, update("alice", 2, "90")));
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(record(wire, update("carol", 1, "300")));
      producer.abortTransaction(); // never visible to read_committed
    }
    try (KafkaProducer<byte[], byte[]> plain = TopicIO.producer(bootstrap, true)) {
      plain.send(new ProducerRecord<>("margin.updates", 0, "dave".getBytes(StandardCharsets.UTF_8),
          "not avro".getBytes(StandardCharsets.UTF_8))).get();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    kafka.close();
  }

  private static ProducerRecord<byte[], byte[]> record(WireFormat<MarginUpdate> wire, MarginUpdate u) {
    return new ProducerRecord<>("margin.updates", u.getAccountId().getBytes(StandardCharsets.UTF_8), wire.encode(u));
  }

  private static MarginUpdate update(String account, long sequence, String equity) {
    return MarginUpdate.newBuilder().setAccountId(account).setEventTime(Instant.ofEpochMilli(1_000 * sequence))
        .setSequence(sequence).setMarginMode(MarginMode.CROSS).setEquity(new BigDecimal(equity).setScale(8))
        .setInitialMargin(new BigDecimal("10").setScale(8)).setMaintenanceMargin(new BigDecimal("5").setScale(8))
        .setMarginRatio(2.0).setStatus(MarginStatus.HEALTHY).setExposures(List.of()).setOracleLagMillis(0)
        .setProbabilityOfDefault(null).build();
  }

  private record Printed(int exit, List<String> lines, String err) {}

  private static Printed consume(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] line = new String[args.length + 3];
    line[0] = "consume";
    System.arraycopy(args, 0, line, 1, args.length);
    line[args.length + 1] = "--bootstrap";
    line[args.length + 2] = bootstrap;
    int exit = SolventCli.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).execute(line);
    return new Printed(exit, out.toString(StandardCharsets.UTF_8).lines().toList(), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void printsTheCommittedRecordsAsJsonLinesAndReportsWhatDoesNotDecode() {
    Printed all = consume("margin.updates", "--from-beginning", "--timeout-ms", "2000");
    assertThat(all.exit()).isZero();
    assertThat(all.lines()).hasSize(3).allSatisfy(l -> assertThat(l).startsWith("{\"accountId\":"))
        .noneMatch(l -> l.contains("carol"));
    assertThat(all.lines()).anySatisfy(l -> assertThat(l).contains("\"accountId\":\"bob\"", "\"equity\":\"200.00000000\""));
    assertThat(all.err()).contains("margin.updates-0@", "is not Avro single-object encoded");
  }

  @Test
  void followsOneKeyAndStopsAfterMaxRecords() {
    Printed alice = consume("margin.updates", "--from-beginning", "--key", "alice", "--timeout-ms", "2000");
    assertThat(alice.lines()).hasSize(2).allSatisfy(l -> assertThat(l).contains("\"accountId\":\"alice\""));
    assertThat(alice.lines().get(0)).contains("\"sequence\":1");
    assertThat(alice.lines().get(1)).contains("\"sequence\":2");
    assertThat(consume("margin.updates", "--from-beginning", "--max-records", "1").lines()).hasSize(1);
  }

  @Test
  void withoutFromBeginningOnlyNewRecordsArePrinted() {
    assertThat(consume("margin.updates", "--timeout-ms", "1500").lines()).isEmpty();
  }

  @Test
  void anUnknownTopicIsAUsageErrorNamingTheTopics() {
    Printed printed = consume("margin.update", "--timeout-ms", "100");
    assertThat(printed.exit()).isEqualTo(SolventCli.USAGE);
    assertThat(printed.err()).contains("unknown topic 'margin.update'", "margin.updates");
  }
}
