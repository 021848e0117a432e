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
import java.util.UUID;

/** The few calls of Flink's REST API the command line makes: jar upload and run, stop with a savepoint. */
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
