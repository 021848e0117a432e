package dev.solvent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ./solvent stop}: stop a job on the cluster with a savepoint, and print the savepoint's path. */
@Command(name = "stop", mixinStandardHelpOptions = true,
    description = "Stop a job with a savepoint; prints the savepoint's path.")
final class StopCommand implements Callable<Integer> {

  static final long TIMEOUT_MILLIS = 300_000;

  @ParentCommand
  SolventCli root;

  @Option(names = "--job", paramLabel = "ID", required = true, description = "the job to stop")
  String job;

  @Option(names = "--rest", paramLabel = "URL", description = "the cluster's REST API (default: ${DEFAULT-VALUE})")
  String rest = FlinkRest.DEFAULT;

  @Option(names = "--savepoint-dir", paramLabel = "DIR", description = "where the savepoint goes (default: the "
      + "cluster's execution.checkpointing.savepoint-dir)")
  Path directory;

  @Override
  public Integer call() throws Exception {
    FlinkRest cluster = new FlinkRest(rest);
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("drain", false);
    if (directory != null) {
      request.put("targetDirectory", directory.toAbsolutePath().toUri().toString());
    }
    String trigger = FlinkRest.text(cluster.post("/jobs/" + job + "/stop", request), "request-id");
    long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      JsonNode status = cluster.get("/jobs/" + job + "/savepoints/" + trigger);
      if ("COMPLETED".equals(status.path("status").path("id").asText())) {
        JsonNode location = status.path("operation").path("location");
        if (!location.isTextual()) {
          throw new IllegalStateException("the savepoint of job " + job + " failed: " + status.path("operation"));
        }
        root.out.println("stopped job " + job + " with savepoint " + location.asText());
        root.out.println(location.asText());
        return 0;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("job " + job + " did not stop within " + TIMEOUT_MILLIS / 60_000 + " minutes");
  }
}
