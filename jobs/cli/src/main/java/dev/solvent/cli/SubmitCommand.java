package dev.solvent.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./solvent submit}: the shaded job jar to a Flink cluster through its REST API (upload, run with
 * parallelism, configuration and optionally a savepoint to restore).
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
    description = "Submit the shaded job jar to a Flink cluster's REST API; prints the job id.")
final class SubmitCommand implements Callable<Integer> {

  static final String ENTRY_CLASS = "dev.solvent.job.SolventJob";

  @ParentCommand
  SolventCli root;

  @Option(names = "--rest", paramLabel = "URL", description = "the cluster's REST API (default: ${DEFAULT-VALUE})")
  String rest = FlinkRest.DEFAULT;

  @Option(names = "--jar", paramLabel = "FILE", description = "the job jar (default: the build's "
      + "jobs/flink-job/target/solvent-flink-job-*-job.jar)")
  Path jar;

  @Option(names = "--parallelism", paramLabel = "N", description = "the job's parallelism")
  Integer parallelism;

  @Option(names = "--savepoint", paramLabel = "PATH", description = "restore from this savepoint (of this version: "
      + "migrate older ones first with migrate-savepoint)")
  String savepoint;

  @Option(names = "--bounded", description = "stop at the input topics' offsets at start (a replay), instead of "
      + "running forever")
  boolean bounded;

  @Mixin
  ConfigOptions config;

  @Override
  public Integer call() throws Exception {
    if (savepoint != null && bounded) {
      throw new IllegalArgumentException("--bounded with --savepoint would never finish: a bounded Kafka source "
          + "restored from a savepoint never learns it has no more splits (FLINK-31006, Kafka connector 5.0.0-2.2); "
          + "resume unbounded and stop the job once its consumer group has reached the end of the input topics");
    }
    List<String> programArgs = new ArrayList<>();
    if (config.file != null) {
      programArgs.add("--config");
      programArgs.add(config.file.toAbsolutePath().toString());
    }
    if (bounded) {
      programArgs.add("--bounded");
    }
    programArgs.addAll(config.overrides());
    if (parallelism != null) {
      programArgs.add("job.parallelism=" + parallelism);
    }
    FlinkRest cluster = new FlinkRest(rest);
    String jarId = cluster.upload(jar != null ? jar : shadedJar(Path.of(System.getProperty("solvent.root", "."))));
    String job = cluster.run(jarId, ENTRY_CLASS, programArgs, parallelism, savepoint);
    root.out.println("submitted job " + job + (savepoint == null ? "" : " from savepoint " + savepoint) + " to " + rest);
    root.out.println(job);
    return 0;
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
}
