package dev.solvent.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./solvent submit} and {@code ./solvent stop}: the shaded job jar to a Flink cluster through its REST API
 * (upload, run with parallelism, configuration and optionally a savepoint), and stop-with-savepoint.
 */
final class SubmitCommand {

  static final String SUBMIT_USAGE = "submit [--rest URL] [--jar FILE] [--parallelism N] [--savepoint PATH] [--bounded] "
      + "[--config FILE] [key=value...]";
  static final String STOP_USAGE = "stop --job ID [--rest URL] [--savepoint-dir DIR]";
  static final String DEFAULT_REST = "http://127.0.0.1:8081";
  static final String ENTRY_CLASS = "dev.solvent.job.SolventJob";

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private SubmitCommand() {}

  static int submit(List<String> args, PrintStream out, PrintStream err) throws Exception {
    String rest = DEFAULT_REST;
    Path jar = null;
    Integer parallelism = null;
    String savepoint = null;
    List<String> programArgs = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--rest" -> rest = DemoCommand.value(args, ++i, arg);
        case "--jar" -> jar = Path.of(DemoCommand.value(args, ++i, arg));
        case "--parallelism" -> parallelism = Integer.parseInt(DemoCommand.value(args, ++i, arg));
        case "--savepoint" -> savepoint = DemoCommand.value(args, ++i, arg);
        case "--config" -> {
          programArgs.add("--config");
          programArgs.add(Path.of(DemoCommand.value(args, ++i, arg)).toAbsolutePath().toString());
        }
        case "--bounded" -> programArgs.add(arg);
        default -> {
          if (!arg.contains("=")) {
            throw new IllegalArgumentException("unknown option " + arg + "; usage: " + SUBMIT_USAGE);
          }
          programArgs.add(arg);
        }
      }
    }
    if (savepoint != null && programArgs.contains("--bounded")) {
      throw new IllegalArgumentException("--bounded with --savepoint would never finish: a bounded Kafka source "
          + "restored from a savepoint never learns it has no more splits (FLINK-31006, Kafka connector 5.0.0-2.2); "
          + "resume unbounded and stop the job once its consumer group has reached the end of the input topics");
    }
    if (parallelism != null) {
      programArgs.add("job.parallelism=" + parallelism);
    }
    Path jobJar = jar != null ? jar : shadedJar(Path.of(System.getProperty("solvent.root", ".")));
    String jarId = field(upload(rest, jobJar), "filename");
    jarId = jarId.substring(jarId.lastIndexOf('/') + 1);
    StringBuilder body = new StringBuilder("{\"entryClass\":\"" + ENTRY_CLASS + "\",\"programArgsList\":[");
    for (int i = 0; i < programArgs.size(); i++) {
      body.append(i == 0 ? "" : ",").append('"').append(programArgs.get(i).replace("\\", "\\\\")
          .replace("\"", "\\\"")).append('"');
    }
    body.append(']');
    if (parallelism != null) {
      body.append(",\"parallelism\":").append(parallelism);
    }
    if (savepoint != null) {
      body.append(",\"savepointPath\":\"").append(savepoint).append("\",\"allowNonRestoredState\":false");
    }
    body.append('}');
    String job = field(post(rest + "/jars/" + jarId + "/run", body.toString()), "jobid");
    out.println("submitted job " + job + (savepoint == null ? "" : " from savepoint " + savepoint) + " to " + rest);
    out.println(job);
    return 0;
  }

  static int stop(List<String> args, PrintStream out, PrintStream err) throws Exception {
    String rest = DEFAULT_REST;
    String job = null;
    String directory = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--rest" -> rest = DemoCommand.value(args, ++i, arg);
        case "--job" -> job = DemoCommand.value(args, ++i, arg);
        case "--savepoint-dir" -> directory = Path.of(DemoCommand.value(args, ++i, arg)).toAbsolutePath().toUri()
            .toString();
        default -> throw new IllegalArgumentException("unknown option " + arg + "; usage: " + STOP_USAGE);
      }
    }
    if (job == null) {
      throw new IllegalArgumentException("--job is required; usage: " + STOP_USAGE);
    }
    String body = directory == null ? "{\"drain\":false}" : "{\"drain\":false,\"targetDirectory\":\"" + directory + "\"}";
    String trigger = field(post(rest + "/jobs/" + job + "/stop", body), "request-id");
    long deadline = System.currentTimeMillis() + 300_000;
    while (System.currentTimeMillis() < deadline) {
      String status = get(rest + "/jobs/" + job + "/savepoints/" + trigger);
      if (status.contains("\"COMPLETED\"")) {
        Matcher location = Pattern.compile("\"location\"\\s*:\\s*\"([^\"]+)\"").matcher(status);
        if (!location.find()) {
          throw new IllegalStateException("the savepoint of job " + job + " failed: " + status);
        }
        out.println("stopped job " + job + " with savepoint " + location.group(1));
        out.println(location.group(1));
        return 0;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("job " + job + " did not stop within 5 minutes");
  }

  /** The job jar the build made under a project root: {@code jobs/flink-job/target/solvent-flink-job-*-job.jar}. */
  static Path shadedJar(Path root) throws Exception {
    Path target = root.resolve("jobs/flink-job/target");
    try (var files = Files.list(target)) {
      return files.filter(p -> p.getFileName().toString().endsWith("-job.jar")).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no shaded job jar in " + target
              + ": build it with mvn -B -DskipTests package -pl jobs/flink-job -am"));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException("no " + target + ": build the job with mvn -B -DskipTests package", e);
    }
  }

  private static String upload(String rest, Path jar) throws Exception {
    String boundary = "solvent-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
        + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(Files.readAllBytes(jar));
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(HttpRequest.newBuilder(URI.create(rest + "/jars/upload"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
  }

  private static String post(String url, String json) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private static String get(String url) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
  }

  private static String send(HttpRequest request) throws Exception {
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
    return response.body();
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no \"" + name + "\" in the REST answer " + json);
    }
    return m.group(1);
  }
}
