package dev.solvent.cli;

import dev.solvent.harness.bench.TriggerBench;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code ./solvent bench}: the trigger index's benchmark (README "Performance"). */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Valuations/s of the pipeline against the core's, the share of accounts each price revalues in "
        + "calm and crash, and the cost curve over population sizes, on one generated scenario.")
final class BenchCommand implements Callable<Integer> {

  @ParentCommand
  SolventCli root;

  @Option(names = "--accounts", paramLabel = "N,N,...", split = ",",
      description = "population sizes; the first also runs with the index off (default: 10000,100000,1000000)")
  List<Integer> accounts = List.of(10_000, 100_000, 1_000_000);

  @Option(names = "--seconds", paramLabel = "S", description = "seconds of event time (default: ${DEFAULT-VALUE})")
  int seconds = 600;

  @Option(names = "--parallelism", paramLabel = "P", description = "the job's parallelism (default: ${DEFAULT-VALUE})")
  int parallelism = 2;

  @Option(names = "--calm-vol", paramLabel = "SIGMA", description = "BTC's return per second outside the crash, "
      + "standard deviation (default: ${DEFAULT-VALUE}, about 56 % a year)")
  double calmVol = 0.0001;

  @Option(names = "--crash", paramLabel = "FRACTION", description = "the fall over the minute that starts a third of "
      + "the way in (default: ${DEFAULT-VALUE}, i.e. 35 %; 0: no fall)")
  double crash = 0.35;

  @Mixin
  ConfigOptions config;

  @Override
  public Integer call() throws Exception {
    return TriggerBench.run(accounts, seconds, parallelism, calmVol, crash, config.file, config.overrides(),
        root.out);
  }
}
