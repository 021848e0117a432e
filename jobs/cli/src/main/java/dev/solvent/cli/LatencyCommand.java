package dev.solvent.cli;

import dev.solvent.harness.live.LatencyReport;
import dev.solvent.job.config.SolventConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./solvent latency}: tick-to-order latency on the local cluster, live (README "Run on a cluster", "Live").
 * Each delivery mode and population size is one run of {@link LiveRun}; the settings a live venue would use are the
 * defaults here, and {@code KEY=VALUE} overrides them.
 */
@Command(name = "latency", mixinStandardHelpOptions = true,
    description = "Live on the local cluster (deploy/local/solvent-local up): a feed written in processing time, "
        + "the job unbounded, and the time from a market tick's append to each liquidation order and margin call "
        + "visible to a venue's consumer, p50/p99/max and its parts, per delivery mode and population size.")
final class LatencyCommand implements Callable<Integer> {

  /** The live settings: one writer per partition (no disorder), heartbeats, short windows and buffers. */
  static final Map<String, String> LIVE = Map.of(
      "input.max-out-of-orderness-ms", "0",
      "input.watermark-interval-ms", "50",
      "oracle.window-ms", "10",
      "oracle.heartbeat-ms", "1000",
      "job.buffer-timeout-ms", "5");

  @ParentCommand
  SolventCli root;

  @Option(names = "--accounts", paramLabel = "N,N,...", split = ",",
      description = "population sizes (default: 10000,100000)")
  List<Integer> accounts = List.of(10_000, 100_000);

  @Option(names = "--modes", paramLabel = "MODE,...", split = ",", description = "delivery modes, each "
      + "at-least-once or exactly-once@CHECKPOINT_MS (default: at-least-once,exactly-once@1000)")
  List<String> modes = List.of("at-least-once", "exactly-once@1000");

  @Option(names = "--seconds", paramLabel = "S", description = "seconds of prices per run (default: ${DEFAULT-VALUE})")
  int seconds = 180;

  @Option(names = "--warmup", paramLabel = "S", description = "seconds after the prices start (once the job has "
      + "taken the accounts' opening) left out of the measurement (default: ${DEFAULT-VALUE})")
  int warmup = 15;

  @Option(names = "--crash", paramLabel = "FRACTION", description = "BTC's fall over the minute that starts a third "
      + "of the way in (default: ${DEFAULT-VALUE})")
  double crash = 0.10;

  @Option(names = "--heartbeat-ms", paramLabel = "MS", description = "the feed's heartbeat interval on every input "
      + "partition (default: ${DEFAULT-VALUE})")
  long heartbeatMillis = 20;

  @Option(names = "--parallelism", paramLabel = "P", description = "the job's parallelism (default: ${DEFAULT-VALUE})")
  int parallelism = 2;

  @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "the local stack's Kafka broker (default: "
      + "${DEFAULT-VALUE})")
  String bootstrap = "127.0.0.1:9092";

  @Option(names = "--rest", paramLabel = "URL", description = "the local cluster's REST API (default: "
      + "${DEFAULT-VALUE})")
  String rest = FlinkRest.DEFAULT;

  @Option(names = "--jar", paramLabel = "FILE", description = "the job jar (default: the build's)")
  Path jar;

  @Option(names = "--out", paramLabel = "DIR", description = "where each run writes visibility.csv (every output "
      + "record: when appended, when visible) and latency.csv (the timed decisions) (default: ${DEFAULT-VALUE})")
  Path out = Path.of("solvent-latency");

  @Mixin
  ConfigOptions config;

  @Override
  public Integer call() throws Exception {
    LiveRun.requireLoopback(bootstrap);
    Map<String, String> job = new LinkedHashMap<>(LIVE);
    SolventConfig.load(config.file, config.overrides()).overrides().forEach(job::put);
    LiveRun live = new LiveRun(bootstrap, rest,
        jar != null ? jar : SubmitCommand.shadedJar(Path.of(System.getProperty("solvent.root", "."))), root.out);
    root.out.printf("command: ./solvent latency --accounts %s --modes %s --seconds %d --warmup %d --crash %s "
        + "--heartbeat-ms %d --parallelism %d%s%n", join(accounts), String.join(",", modes), seconds, warmup, crash,
        heartbeatMillis, parallelism, config.overrides().isEmpty() ? "" : " " + String.join(" ", config.overrides()));
    root.out.println("job settings: " + new java.util.TreeMap<>(job));
    for (int n : accounts) {
      for (String mode : modes) {
        Map<String, String> settings = new LinkedHashMap<>(job);
        delivery(mode).forEach((k, v) -> settings.merge(k, v, (given, modes) -> k.equals("checkpoint.interval-ms")
            && mode.equals("at-least-once") ? given : modes));
        String name = n + "-" + mode.replace('@', '-');
        LatencyReport.Result result = live.run(name, new LiveRun.Settings(n, seconds, warmup, crash, 0.0001,
            heartbeatMillis, 2, parallelism, settings), out.resolve(name));
        LatencyReport.print(root.out, String.format("%,d accounts, %s, checkpoints every %s ms", n,
            settings.get("output.delivery"), settings.get("checkpoint.interval-ms")), result);
      }
    }
    return 0;
  }

  /** {@code at-least-once} or {@code exactly-once@MS}: the job's delivery and checkpoint interval. */
  static Map<String, String> delivery(String mode) {
    String[] parts = mode.split("@", 2);
    if (parts[0].equals("at-least-once") && parts.length == 1) {
      return Map.of("output.delivery", "at-least-once", "checkpoint.interval-ms", "10000");
    }
    if (parts[0].equals("exactly-once") && parts.length == 2 && parts[1].matches("\\d+")) {
      return Map.of("output.delivery", "exactly-once", "checkpoint.interval-ms", parts[1]);
    }
    throw new IllegalArgumentException("--modes: '" + mode + "' is neither at-least-once nor exactly-once@MS");
  }

  private static String join(List<Integer> values) {
    return String.join(",", values.stream().map(String::valueOf).toList());
  }
}
