package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.harness.crash.CrashScenario;
import dev.solvent.harness.kafka.TopicIO;
import dev.solvent.harness.kafka.TopicLoader;
import dev.solvent.schema.JsonFormat;
import dev.solvent.schema.Topic;
import dev.solvent.schema.Topics;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once under crashes, on the deployed shape: a KRaft broker and a Flink session cluster of a JobManager and
 * two TaskManagers as separate JVMs ({@code deploy/local/solvent-local}), the shaded job jar submitted through the
 * REST API. The demo's crash is loaded into Kafka and run once undisturbed; then again, with TaskManagers killed
 * ({@code kill -9}) at seeded moments, one of them during a checkpoint, and a stop with a savepoint midway resumed at
 * another parallelism. Every output topic's committed records must be those of the undisturbed run.
 */
@Disabled("not passing yet (issue 7 open): the job state was read with a regex that may match a vertex's state "
    + "(now parsed as JSON, not yet rerun), and the full 10,000-account run took 7 min on the local cluster and then "
    + "lost both TaskManagers to Kafka producer timeouts; see the issue 7 note")
class FaultInjectionITCase {

  private static final int KAFKA_PORT = 19092;
  private static final int REST_PORT = 18081;
  private static final String BOOTSTRAP = "127.0.0.1:" + KAFKA_PORT;
  private static final String REST = "http://127.0.0.1:" + REST_PORT;
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  static Path state;

  @BeforeAll
  static void startCluster() throws Exception {
    stack("up");
    var feed = CrashScenario.generate(new CrashScenario.Settings(10_000, 20_200_312L, new BigDecimal("10000")));
    TopicLoader.load(BOOTSTRAP, feed, 2, new PrintStream(java.io.OutputStream.nullOutputStream()));
    TopicIO.createTopics(BOOTSTRAP, TopicIO.outputNames(), 2);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    stack("down");
  }

  @Test
  void killedTaskManagersAndARescaleChangeNoCommittedRecord() throws Exception {
    long began = System.nanoTime();
    String calm = submit("calm", 2, null);
    awaitState(calm, "FINISHED", 600);
    System.out.printf("undisturbed run: %.0f s%n", (System.nanoTime() - began) / 1e9);
    Map<String, Map<String, List<String>>> expected = committed();
    resetOutputs();

    Random random = new Random(7);
    String job = submit("faulty", 2, null);
    List<String> recoveries = new ArrayList<>();
    awaitAllRunning(job, 120);
    Thread.sleep(2_000 + random.nextInt(3_000));
    recoveries.add(kill(job, 1 + random.nextInt(2), false));
    Thread.sleep(1_000 + random.nextInt(3_000));
    recoveries.add(kill(job, 1 + random.nextInt(2), true));

    CliRun stopped = CliRun.of("stop", "--rest", REST, "--job", job, "--savepoint-dir",
        state.resolve("savepoints").toString());
    assertThat(stopped.exit()).as(stopped.err()).isZero();
    String savepoint = last(stopped.out());
    String resumed = submit("faulty", 1, savepoint);
    awaitAllRunning(resumed, 120);
    Thread.sleep(1_000 + random.nextInt(2_000));
    recoveries.add(kill(resumed, 1 + random.nextInt(2), false));
    awaitState(resumed, "FINISHED", 600);
    System.out.println("recoveries: " + recoveries);

    Map<String, Map<String, List<String>>> actual = committed();
    for (String topic : expected.keySet()) {
      assertThat(actual.get(topic)).as(topic).isEqualTo(expected.get(topic));
    }
    long total = expected.values().stream().flatMap(m -> m.values().stream()).mapToLong(List::size).sum();
    System.out.println("committed records compared: " + total + " in " + expected.size() + " topics");
    assertThat(expected.get("margin.updates")).isNotEmpty();
    assertThat(expected.get("liquidation.orders")).isNotEmpty();
    List<Long> sequences = new ArrayList<>();
    for (String entry : actual.get("insurance.ledger").getOrDefault("main", List.of())) {
      Matcher m = Pattern.compile("\"sequence\":(\\d+)").matcher(entry);
      assertThat(m.find()).isTrue();
      sequences.add(Long.parseLong(m.group(1)));
    }
    sequences.sort(null);
    assertThat(sequences).as("the fund's ledger: contiguous from 1").isNotEmpty()
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, sequences.size()).boxed().toList());
  }

  // The cluster -----------------------------------------------------------------------------------------------------

  private static void stack(String... command) throws Exception {
    List<String> line = new ArrayList<>(List.of(ROOT.resolve("deploy/local/solvent-local").toString()));
    line.addAll(List.of(command));
    Path log = state.resolve("stack-" + String.join("-", command) + ".log");
    ProcessBuilder pb = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SOLVENT_LOCAL_DIR", state.resolve("local").toString());
    pb.environment().put("SOLVENT_KAFKA_PORT", Integer.toString(KAFKA_PORT));
    pb.environment().put("SOLVENT_KAFKA_CONTROLLER_PORT", Integer.toString(KAFKA_PORT + 1));
    pb.environment().put("SOLVENT_FLINK_REST_PORT", Integer.toString(REST_PORT));
    pb.environment().put("SOLVENT_NO_PROMETHEUS", "1");
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("solvent-local " + String.join(" ", command) + " failed:\n"
          + Files.readString(log));
    }
  }

  private static String submit(String run, int parallelism, String savepoint) throws Exception {
    List<String> args = new ArrayList<>(List.of("submit", "--rest", REST, "--jar", jar().toString(), "--parallelism",
        Integer.toString(parallelism), "--bounded", "kafka.bootstrap-servers=" + BOOTSTRAP,
        "kafka.transactional-id-prefix=" + run, "kafka.group-id=" + run, "checkpoint.interval-ms=1000",
        "oracle.deviation-threshold=0.004", "oracle.heartbeat-ms=300000"));
    if (savepoint != null) {
      args.addAll(List.of("--savepoint", savepoint));
    }
    CliRun submitted = CliRun.of(args.toArray(String[]::new));
    assertThat(submitted.exit()).as(submitted.err()).isZero();
    return last(submitted.out());
  }

  private static Path jar() throws Exception {
    try (var files = Files.list(ROOT.resolve("jobs/flink-job/target"))) {
      return files.filter(p -> p.getFileName().toString().endsWith("-job.jar")).findFirst().orElseThrow();
    }
  }

  /** Kills a TaskManager (during a checkpoint if asked), starts it again, and returns the recovery time. */
  private static String kill(String job, int taskManager, boolean duringCheckpoint) throws Exception {
    if (duringCheckpoint) {
      long deadline = System.currentTimeMillis() + 60_000;
      while (!get("/jobs/" + job + "/checkpoints").matches("(?s).*\"in_progress\":[1-9].*")) {
        if (System.currentTimeMillis() > deadline || state(job).equals("FINISHED")) {
          throw new IllegalStateException("no checkpoint in progress within 60 s");
        }
        Thread.sleep(20);
      }
    }
    int failuresBefore = failures(job);
    long killed = System.nanoTime();
    stack("kill-tm", Integer.toString(taskManager));
    stack("start-tm", Integer.toString(taskManager));
    long deadline = System.currentTimeMillis() + 300_000;
    while (failures(job) == failuresBefore && !state(job).equals("FINISHED")) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("the kill of taskmanager-" + taskManager + " was never noticed");
      }
      Thread.sleep(100);
    }
    awaitAllRunning(job, 300);
    return String.format("taskmanager-%d%s: %.1f s", taskManager, duringCheckpoint ? " (during a checkpoint)" : "",
        (System.nanoTime() - killed) / 1e9);
  }

  private static int failures(String job) throws Exception {
    Matcher m = Pattern.compile("\"exceptionName\"").matcher(get("/jobs/" + job + "/exceptions"));
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** The job's own state (the vertices have "state" fields too: a regex would take the first of any). */
  private static String state(String job) throws Exception {
    var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(get("/jobs/" + job)).get("state");
    return node == null ? "UNKNOWN" : node.asText();
  }

  private static void awaitState(String job, String wanted, int seconds) throws Exception {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (!state(job).equals(wanted)) {
      String now = state(job);
      if (now.equals("FAILED") || now.equals("CANCELED") || System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("job " + job + " is " + now + ", not " + wanted + ": "
            + get("/jobs/" + job + "/exceptions"));
      }
      Thread.sleep(500);
    }
  }

  /** Every task running (or already finished), i.e. the job has recovered. */
  private static void awaitAllRunning(String job, int seconds) throws Exception {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (true) {
      String body = get("/jobs/" + job);
      Matcher counts = Pattern.compile("\"status-counts\"\\s*:\\s*\\{([^}]*)\\}").matcher(body);
      if (counts.find()) {
        Map<String, Integer> byState = new TreeMap<>();
        Matcher c = Pattern.compile("\"([A-Z]+)\"\\s*:\\s*(\\d+)").matcher(counts.group(1));
        while (c.find()) {
          byState.put(c.group(1), Integer.parseInt(c.group(2)));
        }
        int total = byState.values().stream().mapToInt(Integer::intValue).sum();
        if (byState.getOrDefault("RUNNING", 0) + byState.getOrDefault("FINISHED", 0) == total
            && state(job).matches("RUNNING|FINISHED")) {
          return;
        }
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("job " + job + " did not recover within " + seconds + " s: " + body);
      }
      Thread.sleep(100);
    }
  }

  private static String get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(REST + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static String last(String out) {
    String[] lines = out.strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  // Outputs ---------------------------------------------------------------------------------------------------------

  /** Per output topic, per key, the committed records' canonical JSON in event-time then JSON order. */
  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, List<String>>> committed() throws Exception {
    Map<String, Map<String, List<String>>> all = new TreeMap<>();
    for (Topic<?> topic : Topics.OUTPUTS) {
      Topic<SpecificRecord> t = (Topic<SpecificRecord>) topic;
      Map<String, List<String>> byKey = new TreeMap<>();
      for (SpecificRecord r : TopicIO.readCommitted(BOOTSTRAP, t)) {
        byKey.computeIfAbsent(t.key(r), k -> new ArrayList<>()).add(JsonFormat.write(r));
      }
      byKey.values().forEach(list -> list.sort(null));
      all.put(topic.name(), byKey);
    }
    return all;
  }

  private static void resetOutputs() throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", BOOTSTRAP))) {
      admin.deleteTopics(TopicIO.outputNames()).all().get();
      long deadline = System.currentTimeMillis() + 60_000;
      while (admin.listTopics().names().get().stream().anyMatch(TopicIO.outputNames()::contains)) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("output topics not deleted within 60 s");
        }
        Thread.sleep(200);
      }
    }
    TopicIO.createTopics(BOOTSTRAP, TopicIO.outputNames(), 2);
  }
}
