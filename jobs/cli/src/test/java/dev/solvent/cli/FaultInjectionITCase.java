package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.harness.crash.CrashScenario;
import dev.solvent.harness.kafka.TopicIO;
import dev.solvent.harness.kafka.TopicLoader;
import dev.solvent.harness.live.Deduplicator;
import dev.solvent.harness.loop.Feed;
import dev.solvent.harness.loop.LoopRecord;
import dev.solvent.harness.report.InvariantChecker;
import dev.solvent.schema.Topic;
import dev.solvent.schema.Topics;
import dev.solvent.schema.WireFormat;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once under crashes, on the deployed shape: a KRaft broker and a Flink session cluster of a JobManager and
 * two TaskManagers as separate JVMs ({@code deploy/local/solvent-local}), the shaded job jar submitted through the
 * REST API. The demo's crash (2,000 accounts) is loaded into Kafka and run once undisturbed; then again, with
 * TaskManagers killed ({@code kill -9}) at seeded moments, one of them during a checkpoint, and a stop with a
 * savepoint midway resumed at another parallelism. Every output topic's committed records must be those of the
 * undisturbed run, and the books must hold ({@link InvariantChecker}). And once more under
 * {@code output.delivery=at-least-once} with a TaskManager killed: every record written, deduplicated by the
 * reference consumer's rule, must be the undisturbed run's committed output. And once with the broker killed and
 * restarted, then the checkpoint storage gone for a while.
 */
class FaultInjectionITCase {

  private static final int ACCOUNTS = 2_000;
  private static final long SETTLE_MILLIS = 15_000;

  @TempDir
  static Path state;
  private static LocalStack stack;
  private static Feed feed;

  @BeforeAll
  static void startCluster() throws Exception {
    stack = new LocalStack(state, 19092, 18081, null);
    stack.run("up");
    feed = CrashScenario.generate(new CrashScenario.Settings(ACCOUNTS, 20_200_312L, new BigDecimal("10000")));
    TopicLoader.load(stack.bootstrap(), feed, 2, new PrintStream(OutputStream.nullOutputStream()));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    stack.run("down");
  }

  /** The undisturbed run's committed outputs, canonical, and how long it ran: run once, for every test. */
  private static Map<String, Map<String, List<String>>> expected;
  private static long calmMillis;

  private static Map<String, Map<String, List<String>>> expected() throws Exception {
    if (expected == null) {
      long began = System.nanoTime();
      String calm = submit("calm", 2, null);
      awaitConsumed(calm, "calm", 600);
      calmMillis = (System.nanoTime() - began) / 1_000_000;
      System.out.printf("undisturbed run: %.1f s%n", calmMillis / 1e3);
      expected = canonical(committed());
    }
    resetOutputs();
    return expected;
  }

  @Test
  void killedTaskManagersAndARescaleChangeNoCommittedRecord() throws Exception {
    Map<String, Map<String, List<String>>> expected = expected();

    // Kills at seeded moments early in the run (each restart replays from the last checkpoint, so the disturbed run
    // is longer than the calm one), the stop with a savepoint after them, one more kill once resumed at parallelism 1.
    Random random = new Random(7);
    List<String> recoveries = new ArrayList<>();
    String job = submit("faulty", 2, null);
    awaitAllRunning(job, 120);
    Thread.sleep(moment(random, calmMillis, 0.05, 0.15));
    recoveries.add(kill(job, random, false));
    Thread.sleep(moment(random, calmMillis, 0.0, 0.05));
    recoveries.add(kill(job, random, true));
    CliRun stopped = CliRun.of("stop", "--rest", stack.rest(), "--job", job, "--savepoint-dir",
        state.resolve("savepoints").toString());
    assertThat(stopped.exit()).as(stopped.err()).isZero();
    String savepoint = LocalStack.last(stopped.out());
    String resumed = submit("faulty", 1, savepoint);
    awaitAllRunning(resumed, 120);
    Thread.sleep(moment(random, calmMillis, 0.02, 0.05));
    recoveries.add(kill(resumed, random, false));
    awaitConsumed(resumed, "faulty", 600);
    System.out.println("recoveries after kill -9 (kill to every task running again): " + recoveries);

    Map<String, List<LoopRecord>> outputs = committed();
    Map<String, Map<String, List<String>>> actual = canonical(outputs);
    long total = 0;
    for (String topic : expected.keySet()) {
      long records = count(expected.get(topic));
      System.out.printf("  %-20s %,9d committed records undisturbed, %,9d disturbed%n", topic, records,
          count(actual.get(topic)));
      total += records;
    }
    for (String topic : expected.keySet()) {
      assertThat(actual.get(topic)).as(topic).isEqualTo(expected.get(topic));
    }
    System.out.printf("committed records compared: %,d in %d topics, identical%n", total, expected.size());
    assertThat(outputs.get("liquidation.orders")).as("the crash liquidates").isNotEmpty();
    assertThat(outputs.get("insurance.ledger")).as("the fund books them").isNotEmpty();

    // The books (ledger contiguous per fund, bankruptcy, triggers, conservation) from the disturbed run's outputs.
    InvariantChecker checker = InvariantChecker.ofRun(feed.records(), outputs);
    assertThat(checker.violations()).isEmpty();
    System.out.printf("invariants hold; %,d flat accounts' equity re-derived%n", checker.checkedAccounts());
  }

  /**
   * At-least-once delivery (no transactions) with a TaskManager killed mid-run: the job re-emits what it wrote since
   * its last checkpoint, and every record of the topics, deduplicated by the reference consumer's rule
   * ({@link Deduplicator}), is exactly the undisturbed exactly-once run's committed output.
   */
  @Test
  void atLeastOnceDeliveryDeduplicatedAfterAKillIsTheUndisturbedRun() throws Exception {
    Map<String, Map<String, List<String>>> expected = expected();
    Random random = new Random(13);
    String job = submit("loose", 2, null, "output.delivery=at-least-once");
    awaitAllRunning(job, 120);
    Thread.sleep(moment(random, calmMillis, 0.1, 0.3));
    System.out.println("recovery after kill -9: " + kill(job, random, false));
    awaitConsumed(job, "loose", 600);

    Deduplicator dedup = new Deduplicator();
    Map<String, List<LoopRecord>> kept = everyRecord(dedup);
    Map<String, Map<String, List<String>>> actual = canonical(kept);
    System.out.printf("at-least-once: %,d records kept, %,d re-emitted copies dropped%n", dedup.kept(),
        dedup.dropped());
    for (String topic : expected.keySet()) {
      assertThat(actual.get(topic)).as(topic).isEqualTo(expected.get(topic));
    }
    InvariantChecker checker = InvariantChecker.ofRun(feed.records(), kept);
    assertThat(checker.violations()).isEmpty();
  }

  /**
   * Faults beyond a TaskManager: the Kafka broker killed ({@code kill -9}) mid-run and started again a few seconds
   * later; then the checkpoint storage gone for 20 s (the job's checkpoint folder replaced by a file, which even
   * root cannot write into, then put back): longer than the cluster tolerates failed checkpoints, so the job may
   * restart, and cannot restore until the storage is back. The committed outputs are the undisturbed run's.
   */
  @Test
  void aKilledBrokerAndALostCheckpointStorageChangeNoCommittedRecord() throws Exception {
    Map<String, Map<String, List<String>>> expected = expected();
    Random random = new Random(29);
    String job = submit("storm", 2, null);
    awaitAllRunning(job, 120);
    Thread.sleep(moment(random, calmMillis, 0.1, 0.25));

    int failuresBefore = failures(job);
    stack.run("kill-kafka");
    Thread.sleep(5_000);
    stack.run("start-kafka");
    double brokerRecovery = awaitCheckpointAfter(job, System.nanoTime());
    System.out.printf("broker killed and restarted after 5 s: %d job failures, next checkpoint %.1f s after the "
        + "restart%n", failures(job) - failuresBefore, brokerRecovery);

    Thread.sleep(moment(random, calmMillis, 0.02, 0.05));
    Path folder = stack.folder().resolve("flink/checkpoints").resolve(job);
    Path away = folder.resolveSibling(job + ".away");
    long failedBefore = checkpointCount(job, "failed");
    failuresBefore = failures(job);
    Files.move(folder, away);
    Files.writeString(folder, "checkpoint storage unavailable (FaultInjectionITCase)");
    Thread.sleep(20_000);
    Files.delete(folder);
    Files.move(away, folder);
    long failedCheckpoints = checkpointCount(job, "failed") - failedBefore;
    double storageRecovery = awaitCheckpointAfter(job, System.nanoTime());
    System.out.printf("checkpoint storage gone for 20 s: %d checkpoints failed, %d job failures, next checkpoint "
        + "%.1f s after it came back%n", failedCheckpoints, failures(job) - failuresBefore, storageRecovery);
    assertThat(failedCheckpoints).as("checkpoints fail while the storage is gone").isPositive();

    awaitConsumed(job, "storm", 600);
    Map<String, List<LoopRecord>> outputs = committed();
    Map<String, Map<String, List<String>>> actual = canonical(outputs);
    for (String topic : expected.keySet()) {
      assertThat(actual.get(topic)).as(topic).isEqualTo(expected.get(topic));
    }
    InvariantChecker checker = InvariantChecker.ofRun(feed.records(), outputs);
    assertThat(checker.violations()).isEmpty();
  }

  /** Seconds from {@code sinceNanos} until a checkpoint completes after it, with every task running. */
  private static double awaitCheckpointAfter(String job, long sinceNanos) throws Exception {
    long completed = checkpointCount(job, "completed");
    long deadline = System.currentTimeMillis() + 300_000;
    while (checkpointCount(job, "completed") <= completed) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("no checkpoint completed within 300 s: "
            + stack.flink("/jobs/" + job + "/exceptions"));
      }
      Thread.sleep(200);
    }
    awaitAllRunning(job, 300);
    return (System.nanoTime() - sinceNanos) / 1e9;
  }

  /** Every record of every output topic (no transactions here), partition by partition, through {@code dedup}. */
  @SuppressWarnings("unchecked")
  private static Map<String, List<LoopRecord>> everyRecord(Deduplicator dedup) throws Exception {
    Map<String, List<LoopRecord>> all = new TreeMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = TopicIO.committedConsumer(stack.bootstrap())) {
      for (Topic<?> topic : Topics.OUTPUTS) {
        WireFormat<SpecificRecord> wire = WireFormat.of((Topic<SpecificRecord>) topic);
        List<LoopRecord> records = new ArrayList<>();
        for (var info : consumer.partitionsFor(topic.name())) {
          TopicPartition tp = new TopicPartition(topic.name(), info.partition());
          consumer.assign(List.of(tp));
          consumer.seekToBeginning(List.of(tp));
          long end = consumer.endOffsets(List.of(tp)).get(tp);
          while (consumer.position(tp) < end) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
              if (dedup.keep(r.topic(), r.key(), r.timestamp(), r.value())) {
                records.add(new LoopRecord(topic.name(), r.timestamp(), wire.decode(r.value())));
              }
            }
          }
        }
        all.put(topic.name(), records);
      }
    }
    return all;
  }

  private static long count(Map<String, List<String>> byKey) {
    return byKey.values().stream().mapToLong(List::size).sum();
  }

  /** A seeded pause between the given fractions of the undisturbed run's length. */
  private static long moment(Random random, long runMillis, double from, double to) {
    return (long) (runMillis * (from + (to - from) * random.nextDouble()));
  }

  // The cluster -----------------------------------------------------------------------------------------------------

  /**
   * Unbounded, as in production, and also because a bounded Kafka source never finishes once restored from a
   * savepoint (FLINK-31006: the restored enumerator never signals "no more splits"); auction steps of 30 s keep the
   * open-loop auctions (nobody fills them here) from flooding the run.
   */
  private static String submit(String run, int parallelism, String savepoint, String... more) throws Exception {
    List<String> settings = new ArrayList<>(List.of("kafka.transactional-id-prefix=" + run, "kafka.group-id=" + run,
        "checkpoint.interval-ms=1000", "oracle.deviation-threshold=0.004", "oracle.heartbeat-ms=300000",
        "auction.step-ms=30000"));
    settings.addAll(List.of(more));
    return stack.submit(parallelism, savepoint, settings.toArray(String[]::new));
  }

  /**
   * Kills one of the TaskManagers running the job's tasks (during a checkpoint if asked: the checkpoint then fails,
   * which is checked), starts it again, and returns the recovery time.
   */
  private static String kill(String job, Random random, boolean duringCheckpoint) throws Exception {
    String before = stack.state(job);
    if (!before.equals("RUNNING")) {
      throw new IllegalStateException("job " + job + " is " + before + " before the kill: the schedule is too late");
    }
    List<String> hosts = taskManagers(job);
    int taskManager = Integer.parseInt(hosts.get(random.nextInt(hosts.size())).replace("taskmanager-", ""));
    long failedCheckpoints = checkpointCount(job, "failed");
    if (duringCheckpoint) {
      long deadline = System.currentTimeMillis() + 60_000;
      while (checkpointCount(job, "in_progress") == 0) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("no checkpoint in progress within 60 s");
        }
        Thread.sleep(10);
      }
    }
    int failuresBefore = failures(job);
    long killed = System.nanoTime();
    stack.run("kill-tm", Integer.toString(taskManager));
    stack.run("start-tm", Integer.toString(taskManager));
    long deadline = System.currentTimeMillis() + 300_000;
    while (failures(job) == failuresBefore) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("the kill of taskmanager-" + taskManager + " was never noticed");
      }
      Thread.sleep(100);
    }
    double seconds = awaitRecovered(job, killed);
    if (duringCheckpoint) {
      assertThat(checkpointCount(job, "failed")).as("the checkpoint the kill interrupted failed")
          .isGreaterThan(failedCheckpoints);
    }
    return String.format("taskmanager-%d%s: %.1f s", taskManager, duringCheckpoint ? " (during a checkpoint)" : "",
        seconds);
  }

  /**
   * Seconds from the kill until every task runs again and no further failure is reported for {@link #SETTLE_MILLIS}:
   * one kill can fail the job twice (the restarted TaskManager re-registers at once, the old one's heartbeat times
   * out later), and the next kill must hit the job where it runs after both.
   */
  private static double awaitRecovered(String job, long killedNanos) throws Exception {
    while (true) {
      awaitAllRunning(job, 300);
      double seconds = (System.nanoTime() - killedNanos) / 1e9;
      int failures = failures(job);
      long settled = System.currentTimeMillis() + SETTLE_MILLIS;
      while (failures(job) == failures && System.currentTimeMillis() < settled) {
        Thread.sleep(250);
      }
      if (failures(job) == failures) {
        return seconds;
      }
    }
  }

  /** The resource ids ("taskmanager-N", set by solvent-local) of the TaskManagers running the job's tasks. */
  private static List<String> taskManagers(String job) throws Exception {
    java.util.TreeSet<String> hosts = new java.util.TreeSet<>();
    for (var vertex : stack.flink("/jobs/" + job).path("vertices")) {
      for (var tm : stack.flink("/jobs/" + job + "/vertices/" + vertex.path("id").asText() + "/taskmanagers")
          .path("taskmanagers")) {
        if (tm.path("status-counts").path("RUNNING").asInt() > 0) {
          hosts.add(tm.path("taskmanager-id").asText());
        }
      }
    }
    if (hosts.isEmpty() || !hosts.stream().allMatch(h -> h.matches("taskmanager-[12]"))) {
      throw new IllegalStateException("job " + job + " runs on " + hosts + ", not on solvent-local's taskmanager-1/2");
    }
    return new ArrayList<>(hosts);
  }

  private static long checkpointCount(String job, String which) throws Exception {
    var counts = stack.flink("/jobs/" + job + "/checkpoints").path("counts");
    return counts.path(which).asLong();
  }

  private static int failures(String job) throws Exception {
    return stack.flink("/jobs/" + job + "/exceptions").path("exceptionHistory").path("entries").size();
  }

  /**
   * Waits until the job has consumed every input record and committed everything it makes of them, then cancels it:
   * its consumer group's offsets reach the end of every input partition; every operator's watermark reaches the end
   * of the input (offsets are committed with checkpoints, and unaligned checkpoints complete before the records
   * behind their barriers are processed, so offsets alone are not enough); and two more checkpoints complete,
   * committing the transactions holding the last outputs.
   */
  private static void awaitConsumed(String job, String group, int seconds) throws Exception {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrap()))) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (var topic : admin.describeTopics(TopicIO.inputNames()).allTopicNames().get().values()) {
        topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()),
            OffsetSpec.latest()));
      }
      var ends = admin.listOffsets(latest).all().get();
      while (true) {
        checkAlive(job, deadline);
        var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        if (ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
            && committed.get(e.getKey()).offset() >= e.getValue().offset())) {
          break;
        }
        Thread.sleep(1_000);
      }
    }
    // The input ends with a heartbeat on every partition at the feed's end: the watermark gets within the allowed
    // out-of-orderness of it, and every operator's timers up to there have fired once its watermark is there too.
    long finalWatermark = feed.end() - 60_000;
    FlinkRest cluster = new FlinkRest(stack.rest());
    while (cluster.lowestWatermarks(job).values().stream().anyMatch(w -> w < finalWatermark)) {
      checkAlive(job, deadline);
      Thread.sleep(1_000);
    }
    long checkpoints = checkpointCount(job, "completed");
    while (checkpointCount(job, "completed") < checkpoints + 2) {
      checkAlive(job, deadline);
      Thread.sleep(200);
    }
    stack.cancel(job);
    while (!stack.state(job).equals("CANCELED")) {
      Thread.sleep(200);
    }
  }

  private static void checkAlive(String job, long deadline) throws Exception {
    String now = stack.state(job);
    if (!now.equals("RUNNING") || System.currentTimeMillis() > deadline) {
      throw new IllegalStateException("job " + job + " is " + now + " and has not finished its input: "
          + stack.flink("/jobs/" + job + "/exceptions"));
    }
  }

  /** Every task running (or already finished), i.e. the job has recovered. */
  private static void awaitAllRunning(String job, int seconds) throws Exception {
    new FlinkRest(stack.rest()).awaitRunning(job, seconds);
  }

  // Outputs ---------------------------------------------------------------------------------------------------------

  /** Per output topic, its committed records, once the cancelled job's last commits are visible. */
  private static Map<String, List<LoopRecord>> committed() throws Exception {
    TopicIO.awaitNoOpenTransaction(stack.bootstrap(), TopicIO.outputNames(), Duration.ofSeconds(60));
    Map<String, List<LoopRecord>> all = new TreeMap<>();
    for (Topic<?> topic : Topics.OUTPUTS) {
      all.put(topic.name(), TopicIO.committedRecords(stack.bootstrap(), topic));
    }
    return all;
  }

  /** Per topic, per key, the records' canonical JSON, sorted: what must not change whatever the partitioning. */
  private static Map<String, Map<String, List<String>>> canonical(Map<String, List<LoopRecord>> outputs) {
    Map<String, Map<String, List<String>>> all = new TreeMap<>();
    outputs.forEach((topic, records) -> {
      Map<String, List<String>> byKey = new TreeMap<>();
      for (LoopRecord r : records) {
        byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.json());
      }
      byKey.values().forEach(list -> list.sort(null));
      all.put(topic, byKey);
    });
    return all;
  }

  private static void resetOutputs() throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrap()))) {
      admin.deleteTopics(TopicIO.outputNames()).all().get();
      long deadline = System.currentTimeMillis() + 60_000;
      while (admin.listTopics().names().get().stream().anyMatch(TopicIO.outputNames()::contains)) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("output topics not deleted within 60 s");
        }
        Thread.sleep(200);
      }
    }
    TopicIO.createTopics(stack.bootstrap(), TopicIO.outputNames(), 2);
  }
}
