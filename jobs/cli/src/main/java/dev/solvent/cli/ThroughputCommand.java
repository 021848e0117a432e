package dev.solvent.cli;

import dev.solvent.harness.bench.PipelineThroughput;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ./solvent throughput}: the job graph's throughput on a generated scenario (README "Performance"). */
@Command(name = "throughput", mixinStandardHelpOptions = true,
    description = "Replay a generated scenario through the job graph on the embedded cluster and print events/s.")
final class ThroughputCommand implements Callable<Integer> {

  @ParentCommand
  SolventCli root;

  @Option(names = "--accounts", paramLabel = "N", description = "accounts (default: ${DEFAULT-VALUE})")
  int accounts = 10_000;

  @Option(names = "--seconds", paramLabel = "S", description = "seconds of event time (default: ${DEFAULT-VALUE})")
  int seconds = 300;

  @Option(names = "--parallelism", paramLabel = "P", description = "the job's parallelism (default: ${DEFAULT-VALUE})")
  int parallelism = 2;

  @Override
  public Integer call() throws Exception {
    return PipelineThroughput.run(accounts, seconds, parallelism, root.out);
  }
}
