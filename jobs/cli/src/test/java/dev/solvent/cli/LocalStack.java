package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@code deploy/local/solvent-local} stack for a test, on its own ports and state folder: the KRaft broker, the
 * Flink session cluster (JobManager + 2 TaskManagers) and, when asked, Prometheus; plus the job submission and the
 * REST reads the tests share.
 */
final class LocalStack {

  static final Path ROOT = Path.of(System.getProperty("solvent.project.dir", "../..")).toAbsolutePath().normalize();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path state;
  private final int kafkaPort;
  private final int restPort;
  private final Integer prometheusPort;
  private final Map<String, String> environment;

  /** @param prometheusPort {@code null}: no Prometheus */
  LocalStack(Path state, int kafkaPort, int restPort, Integer prometheusPort) {
    this(state, kafkaPort, restPort, prometheusPort, Map.of());
  }

  private LocalStack(Path state, int kafkaPort, int restPort, Integer prometheusPort,
      Map<String, String> environment) {
    this.state = state;
    this.kafkaPort = kafkaPort;
    this.restPort = restPort;
    this.prometheusPort = prometheusPort;
    this.environment = environment;
  }

  /**
   * The same stack with its broker secured ({@code SOLVENT_KAFKA_SECURE=1}); the topics and ACLs are made by this
   * build's command line, run from the test's own class path (the launcher would build the project first).
   */
  LocalStack secured() {
    String cli = "java -cp " + System.getProperty("java.class.path") + " " + SolventCli.class.getName();
    return new LocalStack(state, kafkaPort, restPort, prometheusPort,
        Map.of("SOLVENT_KAFKA_SECURE", "1", "SOLVENT_CLI", cli));
  }

  /** A principal's client settings file, written by a secured stack. */
  Path clientProperties(String user) {
    return state.resolve("local/kafka/clients/" + user + ".properties");
  }

  /** The state folder of the stack: logs, Kafka's data and secrets, Flink's checkpoints. */
  Path folder() {
    return state.resolve("local");
  }

  String bootstrap() {
    return "127.0.0.1:" + kafkaPort;
  }

  String rest() {
    return "http://127.0.0.1:" + restPort;
  }

  String prometheus() {
    return "http://127.0.0.1:" + prometheusPort;
  }

  /** Runs {@code solvent-local <command...>}; its output goes to a log in the state folder, shown if it fails. */
  void run(String... command) throws Exception {
    List<String> line = new ArrayList<>(List.of(ROOT.resolve("deploy/local/solvent-local").toString()));
    line.addAll(List.of(command));
    Path log = state.resolve("stack-" + String.join("-", command) + ".log");
    ProcessBuilder pb = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SOLVENT_LOCAL_DIR", state.resolve("local").toString());
    pb.environment().put("SOLVENT_KAFKA_PORT", Integer.toString(kafkaPort));
    pb.environment().put("SOLVENT_KAFKA_CONTROLLER_PORT", Integer.toString(kafkaPort + 1));
    pb.environment().put("SOLVENT_FLINK_REST_PORT", Integer.toString(restPort));
    if (prometheusPort == null) {
      pb.environment().put("SOLVENT_NO_PROMETHEUS", "1");
    } else {
      pb.environment().put("SOLVENT_PROMETHEUS_PORT", Integer.toString(prometheusPort));
    }
    pb.environment().putAll(environment);
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("solvent-local " + String.join(" ", command) + " failed:\n"
          + Files.readString(log));
    }
  }

  /** Submits the shaded job jar through {@code ./solvent submit}; returns the job id. */
  String submit(int parallelism, String savepoint, String... settings) throws Exception {
    List<String> args = new ArrayList<>(List.of("submit", "--rest", rest(), "--jar",
        SubmitCommand.shadedJar(ROOT).toString(),
        "--parallelism", Integer.toString(parallelism), "kafka.bootstrap-servers=" + bootstrap()));
    args.addAll(List.of(settings));
    if (savepoint != null) {
      args.addAll(List.of("--savepoint", savepoint));
    }
    CliRun submitted = CliRun.of(args.toArray(String[]::new));
    assertThat(submitted.exit()).as(submitted.err()).isZero();
    return last(submitted.out());
  }

  void cancel(String job) throws Exception {
    HTTP.send(HttpRequest.newBuilder(URI.create(rest() + "/jobs/" + job)).method("PATCH",
        HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
  }

  /** The job's own state (the vertices have "state" fields too: a regex would take the first of any). */
  String state(String job) throws Exception {
    JsonNode node = flink("/jobs/" + job).get("state");
    return node == null ? "UNKNOWN" : node.asText();
  }

  JsonNode flink(String path) throws Exception {
    return JSON.readTree(get(rest() + path));
  }

  /** An instant PromQL query's result vector. */
  JsonNode query(String promql) throws Exception {
    return JSON.readTree(get(prometheus() + "/api/v1/query?query="
        + URLEncoder.encode(promql, StandardCharsets.UTF_8))).path("data").path("result");
  }

  JsonNode prometheusApi(String path) throws Exception {
    return JSON.readTree(get(prometheus() + path));
  }

  static String last(String out) {
    String[] lines = out.strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  private static String get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
