package dev.solvent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The few calls of Flink's REST API the command line makes: jar upload and run, job state and watermarks, cancel,
 * stop with a savepoint.
 */
final class FlinkRest {

  static final String DEFAULT = "http://127.0.0.1:8081";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;

  FlinkRest(String base) {
    this.base = base;
  }

  /** Uploads a jar; returns its id on the cluster. */
  String upload(Path jar) throws Exception {
    String boundary = "solvent-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
        + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(Files.readAllBytes(jar));
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    String filename = text(send(HttpRequest.newBuilder(URI.create(base + "/jars/upload"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build()), "filename");
    return filename.substring(filename.lastIndexOf('/') + 1);
  }

  JsonNode post(String path, Object body) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
  }

  JsonNode get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
  }

  /**
   * Runs an uploaded jar's job ({@code POST /jars/ID/run}) with the entry class, the program arguments, and a
   * parallelism and a savepoint to restore when given; returns the job id.
   */
  String run(String jarId, String entryClass, List<String> programArgs, Integer parallelism, String savepoint)
      throws Exception {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("entryClass", entryClass);
    run.put("programArgsList", programArgs);
    if (parallelism != null) {
      run.put("parallelism", parallelism);
    }
    if (savepoint != null) {
      run.put("savepointPath", savepoint);
      run.put("allowNonRestoredState", false);
    }
    return text(post("/jars/" + jarId + "/run", run), "jobid");
  }

  /** Waits until every task of the job runs (or has finished) and the job does; fails after {@code seconds}. */
  void awaitRunning(String job, int seconds) throws Exception {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (true) {
      JsonNode body = get("/jobs/" + job);
      JsonNode counts = body.path("status-counts");
      int total = 0;
      for (JsonNode count : counts) {
        total += count.asInt();
      }
      String state = body.path("state").asText();
      if (total > 0 && counts.path("RUNNING").asInt() + counts.path("FINISHED").asInt() == total
          && (state.equals("RUNNING") || state.equals("FINISHED"))) {
        return;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("job " + job + " was not running within " + seconds + " s: " + body);
      }
      Thread.sleep(100);
    }
  }

  /**
   * Per operator chain fed by another (sources have no input watermark), the lowest watermark of its subtasks;
   * {@link Long#MIN_VALUE} while some subtask has reported none yet (metrics arrive seconds after a start).
   */
  Map<String, Long> lowestWatermarks(String job) throws Exception {
    Map<String, Long> lowest = new TreeMap<>();
    for (JsonNode vertex : get("/jobs/" + job).path("vertices")) {
      if (vertex.path("name").asText().startsWith("Source:")) {
        continue;
      }
      String id = vertex.path("id").asText();
      JsonNode watermarks = get("/jobs/" + job + "/vertices/" + id + "/watermarks");
      long value = watermarks.size() < vertex.path("parallelism").asInt(1) ? Long.MIN_VALUE : Long.MAX_VALUE;
      for (JsonNode watermark : watermarks) {
        value = Math.min(value, watermark.path("value").asLong(Long.MIN_VALUE));
      }
      lowest.put(id, value);
    }
    return lowest;
  }

  /** Cancels a job (it keeps its last retained checkpoint, by the cluster's configuration). */
  void cancel(String job) throws Exception {
    send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + job)).method("PATCH", HttpRequest.BodyPublishers.noBody())
        .build());
  }

  /** A field of an answer that must be there. */
  static String text(JsonNode answer, String field) {
    JsonNode value = answer.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalStateException("no \"" + field + "\" in the REST answer " + answer);
    }
    return value.asText();
  }

  private JsonNode send(HttpRequest request) throws Exception {
    HttpResponse<String> response;
    try {
      response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException e) {
      throw new IllegalArgumentException("no Flink REST API at " + request.uri() + " (deploy/local/solvent-local up?)");
    }
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + response.statusCode()
          + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }
}
