package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.harness.crash.CrashScenario;
import dev.solvent.harness.kafka.TopicIO;
import dev.solvent.harness.kafka.TopicLoader;
import dev.solvent.harness.loop.Feed;
import dev.solvent.harness.loop.LoopRecord;
import dev.solvent.harness.report.InvariantChecker;
import dev.solvent.job.io.KafkaConnection;
import dev.solvent.schema.Topic;
import dev.solvent.schema.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack with its broker secured ({@code SOLVENT_KAFKA_SECURE=1}: TLS, SASL/SCRAM-SHA-512, ACLs from
 * {@code ./solvent kafka-access}): the loader's principal loads a crash, the job runs as the engine's principal on
 * the Flink cluster and commits its outputs, the reader's principal reads them; a client without credentials or with
 * a wrong password is refused, and each principal is refused what it was not granted. No password appears in any log
 * of the run, in the job's configuration on the REST API, or in what the command line printed.
 */
class SecuredStackITCase {

  private static final int ACCOUNTS = 300;

  @TempDir
  static Path state;
  private static LocalStack stack;
  private static final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  @BeforeAll
  static void startSecuredStack() throws Exception {
    stack = new LocalStack(state, 19292, 18281, null).secured();
    stack.run("up");
  }

  @AfterAll
  static void stopStack() throws Exception {
    stack.run("down");
  }

  private static KafkaConnection as(String user) {
    return KafkaConnection.of(stack.bootstrap(), stack.clientProperties(user).toString());
  }

  @Test
  void theJobRunsAsTheEngineAndCommitsItsOutputsWithNoPasswordInAnyLog() throws Exception {
    Feed feed = CrashScenario.generate(new CrashScenario.Settings(ACCOUNTS, 20_200_312L, new BigDecimal("10000")));
    TopicLoader.load(as("solvent-loader"), feed, 2, new PrintStream(printed, true, StandardCharsets.UTF_8));

    String job = stack.submit(2, null, "--bounded",
        "kafka.client-properties=" + stack.clientProperties("solvent-engine"), "checkpoint.interval-ms=2000");
    long deadline = System.currentTimeMillis() + 300_000;
    String now;
    while (!(now = stack.state(job)).equals("FINISHED")) {
      assertThat(now).as("the job as the engine: %s", stack.flink("/jobs/" + job + "/exceptions"))
          .isIn("CREATED", "INITIALIZING", "RUNNING");
      assertThat(System.currentTimeMillis()).as("the bounded job finishes within 300 s").isLessThan(deadline);
      Thread.sleep(500);
    }

    KafkaConnection reader = as("solvent-reader");
    TopicIO.awaitNoOpenTransaction(reader, TopicIO.outputNames(), Duration.ofSeconds(60));
    Map<String, List<LoopRecord>> outputs = new TreeMap<>();
    for (Topic<?> topic : Topics.OUTPUTS) {
      outputs.put(topic.name(), TopicIO.committedRecords(reader, topic));
    }
    assertThat(outputs.get("margin.updates")).as("committed and read by the reader").isNotEmpty();
    assertThat(outputs.get("liquidation.orders")).as("the crash liquidates").isNotEmpty();
    InvariantChecker checker = InvariantChecker.ofRun(feed.records(), outputs);
    assertThat(checker.violations()).isEmpty();

    CliRun consumed = CliRun.of("consume", "liquidation.orders", "--bootstrap", stack.bootstrap(),
        "--client-properties", stack.clientProperties("solvent-reader").toString(), "--from-beginning",
        "--max-records", "1");
    assertThat(consumed.exit()).as(consumed.err()).isZero();
    printed.writeBytes((consumed.out() + consumed.err()).getBytes(StandardCharsets.UTF_8));

    List<String> passwords = passwords();
    assertThat(passwords).as("a password per principal, the stores' passwords").hasSizeGreaterThanOrEqualTo(6);
    List<String> places = new ArrayList<>();
    try (Stream<Path> logs = Files.walk(stack.folder().resolve("logs"));
        Stream<Path> stackLogs = Files.list(state).filter(p -> p.toString().endsWith(".log"))) {
      for (Path log : Stream.concat(logs, stackLogs).filter(Files::isRegularFile).toList()) {
        places.add(log.toString());
        String text = Files.readString(log, StandardCharsets.ISO_8859_1);
        passwords.forEach(pw -> assertThat(text).as(log.toString()).doesNotContain(pw));
      }
    }
    for (String rest : List.of("/jobs/" + job + "/config", "/jobmanager/config", "/jobs/" + job + "/plan")) {
      String body = stack.flink(rest).toString();
      passwords.forEach(pw -> assertThat(body).as(rest).doesNotContain(pw));
    }
    String cli = printed.toString(StandardCharsets.UTF_8);
    passwords.forEach(pw -> assertThat(cli).as("the command line's output").doesNotContain(pw));
    assertThat(places).as("the stack's logs were read").anyMatch(p -> p.endsWith("kafka.log"))
        .anyMatch(p -> p.endsWith("jobmanager.log")).anyMatch(p -> p.contains("taskmanager-"));
  }

  @Test
  void whoDoesNotBelongIsRefused() throws Exception {
    // No credentials: plaintext, or TLS without SASL, to the SASL_SSL listener never gets an answer.
    for (String protocol : List.of("PLAINTEXT", "SSL")) {
      Properties p = KafkaConnection.plain(stack.bootstrap()).properties();
      p.put("security.protocol", protocol);
      as("solvent-reader").security().forEach((k, v) -> {
        if (k.startsWith("ssl.") || k.startsWith("config.providers")) {
          p.put(k, v);
        }
      });
      p.put("default.api.timeout.ms", "5000");
      p.put("request.timeout.ms", "4000");
      try (Admin admin = Admin.create(p)) {
        assertThatThrownBy(() -> admin.listTopics().names().get()).as(protocol).isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(TimeoutException.class);
      }
    }

    // The right user, the wrong password.
    Path wrong = state.resolve("wrong-password.properties");
    Properties secret = new Properties();
    try (var in = Files.newBufferedReader(stack.folder().resolve("kafka/secrets/solvent-reader.properties"))) {
      secret.load(in);
    }
    Files.writeString(wrong, "password=not-" + secret.getProperty("password") + "\ntruststore.password="
        + secret.getProperty("truststore.password") + "\n");
    Path client = state.resolve("wrong-client.properties");
    Files.writeString(client, Files.readString(stack.clientProperties("solvent-reader"))
        .replace(stack.folder().resolve("kafka/secrets/solvent-reader.properties").toString(), wrong.toString()));
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(KafkaConnection.of(stack.bootstrap(), client.toString()))) {
      assertThatThrownBy(() -> consumer.partitionsFor("liquidation.orders", Duration.ofSeconds(20)))
          .isInstanceOf(SaslAuthenticationException.class);
    }
    CliRun refused = CliRun.of("consume", "liquidation.orders", "--bootstrap", stack.bootstrap(),
        "--client-properties", client.toString(), "--from-beginning", "--timeout-ms", "2000");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("solvent consume: Kafka: Authentication failed")
        .doesNotContain("\tat ").doesNotContain(secret.getProperty("password"));

    // Each principal, outside its grants.
    assertThatThrownBy(() -> send(as("solvent-engine"), "market.ticks")).as("the engine writes no input")
        .hasCauseInstanceOf(TopicAuthorizationException.class);
    assertThatThrownBy(() -> send(as("solvent-reader"), "liquidation.orders")).as("the reader writes nothing")
        .hasCauseInstanceOf(TopicAuthorizationException.class);
    assertThatThrownBy(() -> read(as("solvent-loader"), "liquidation.orders")).as("the loader reads no output")
        .isInstanceOf(TopicAuthorizationException.class);
    assertThatThrownBy(() -> read(as("solvent-loader"), "market.ticks")).as("nor what it wrote")
        .isInstanceOf(TopicAuthorizationException.class);
    assertThatThrownBy(() -> read(as("solvent-engine"), "liquidation.orders")).as("the engine reads no output")
        .isInstanceOf(TopicAuthorizationException.class);
    try (Admin admin = Admin.create(as("solvent-engine").properties())) {
      assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("engine.made", 1, (short) 1))).all().get())
          .as("the engine creates no topic").hasCauseInstanceOf(TopicAuthorizationException.class);
    }
    Properties foreign = new Properties();
    foreign.put("transactional.id", "someone-else-market.ticks-0");
    try (KafkaProducer<byte[], byte[]> producer = TopicIO.producer(as("solvent-engine"), true, foreign)) {
      assertThatThrownBy(producer::initTransactions).as("transactional ids outside the engine's prefix")
          .isInstanceOf(TransactionalIdAuthorizationException.class);
    }
  }

  private static void send(KafkaConnection kafka, String topic) throws Exception {
    Properties quick = new Properties();
    quick.put("max.block.ms", "20000");
    try (KafkaProducer<byte[], byte[]> producer = TopicIO.producer(kafka, false, quick)) {
      producer.send(new ProducerRecord<>(topic, new byte[] {1}, new byte[] {1})).get();
    }
  }

  private static void read(KafkaConnection kafka, String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka)) {
      consumer.assign(List.of(new TopicPartition(topic, 0)));
      consumer.seekToBeginning(List.of(new TopicPartition(topic, 0)));
      long deadline = System.currentTimeMillis() + 20_000;
      while (System.currentTimeMillis() < deadline) {
        consumer.poll(Duration.ofMillis(500));
      }
    }
  }

  private static KafkaConsumer<byte[], byte[]> consumer(KafkaConnection kafka) {
    Properties p = kafka.properties();
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    p.put("enable.auto.commit", "false");
    return new KafkaConsumer<>(p);
  }

  /** Every secret the stack generated: each principal's password and the key and trust stores' passwords. */
  private static List<String> passwords() throws IOException {
    List<String> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(stack.folder().resolve("kafka/secrets"))) {
      for (Path file : files.toList()) {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
          p.load(in);
        }
        p.stringPropertyNames().forEach(k -> all.add(p.getProperty(k)));
      }
    }
    return all.stream().distinct().toList();
  }
}
