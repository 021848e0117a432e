package dev.solvent.cli;

import dev.solvent.harness.crash.CrashScenario;
import dev.solvent.harness.loop.Feed;
import dev.solvent.harness.loop.Progress;
import dev.solvent.harness.run.LoopRun;
import dev.solvent.harness.run.OtherSide;
import dev.solvent.harness.run.RunConfig;
import dev.solvent.harness.run.RunResult;
import dev.solvent.harness.run.RunSpec;
import dev.solvent.harness.run.Summaries;
import dev.solvent.job.config.SolventConfig;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./solvent demo}: the built-in crash through the job graph on the embedded cluster, in a closed loop with the
 * venue and the liquidators; prints the summary, writes every topic and the report, checks the invariants.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"The built-in crash through the job on the embedded cluster, in a closed loop with a venue and "
        + "liquidators: summary, topics as JSON Lines, HTML report, invariants checked (exit 3 if one fails)."})
final class DemoCommand implements Callable<Integer> {

  /**
   * The demo's oracle: it publishes on a 0.4 % move (the crash's and the venue's moves at once) or every 5 minutes,
   * instead of every minute; with the defaults the demo takes about three times as long (README "The demo").
   */
  static final Map<String, String> DEMO_DEFAULTS = Map.of(
      "oracle.deviation-threshold", "0.004", "oracle.heartbeat-ms", "300000");

  @ParentCommand
  SolventCli root;

  @Mixin
  CrashOptions crash;

  @Option(names = "--out", paramLabel = "DIR", description = "where topics and the report go (default: ${DEFAULT-VALUE})")
  Path output = Path.of("solvent-demo");

  @Option(names = "--compare", arity = "2", paramLabel = "CONFIG", description = "two configuration files: run "
      + "the crash under both and print them side by side with their differences (excludes --config)")
  List<Path> compare = new ArrayList<>();

  @Mixin
  ConfigOptions config;

  @Override
  public Integer call() throws Exception {
    if (config.file != null && !compare.isEmpty()) {
      throw new IllegalArgumentException("--config and --compare exclude each other: --compare names both");
    }
    Feed feed = CrashScenario.generate(crash.settings());
    root.out.println("solvent demo: " + feed.description());
    root.out.println("writing to " + output.toAbsolutePath());
    List<RunResult> results = new ArrayList<>();
    if (compare.isEmpty()) {
      results.add(run("demo", feed, config.file, output));
    } else {
      String[] names = {"A", "B"};
      for (int i = 0; i < 2; i++) {
        String name = names[i] + " " + compare.get(i).getFileName();
        root.out.println("run " + name);
        results.add(run(name, feed, compare.get(i), output.resolve(names[i])));
      }
    }
    return Summaries.print(results, output, "Solvent demo: " + feed.description(), root.out, root.err);
  }

  private RunResult run(String name, Feed feed, Path configFile, Path out) throws Exception {
    SolventConfig settings = RunConfig.withDefaults(RunConfig.loop(configFile, config.overrides()), DEMO_DEFAULTS);
    root.out.println(RunConfig.metricsLine(settings));
    RunSpec spec = new RunSpec(name, feed, settings, OtherSide.venue(true), OtherSide.liquidators(crash.seed, 8),
        OtherSide::gas, out);
    return LoopRun.run(spec, new Progress(root.err));
  }

  /** The built-in crash's population, seed and fund. */
  static final class CrashOptions {
    @Option(names = "--accounts", paramLabel = "N", description = "accounts in the population (default: ${DEFAULT-VALUE})")
    int accounts = CrashScenario.Settings.demo().accounts();

    @Option(names = "--seed", paramLabel = "S", description = "seed of prices, population and liquidators "
        + "(default: ${DEFAULT-VALUE})")
    long seed = CrashScenario.Settings.demo().seed();

    @Option(names = "--fund", paramLabel = "USD", description = "insurance fund seed (default: ${DEFAULT-VALUE}; "
        + "its BTC balance is seeded with the same value)")
    BigDecimal fund = CrashScenario.Settings.demo().fundSeed();

    @Option(names = "--coin-share", paramLabel = "F", description = "share of accounts margined in BTC: inverse "
        + "perpetual and coin-settled put pairs (default: ${DEFAULT-VALUE}; 0 is the all-USD population of v0.1)")
    double coinShare = CrashScenario.Settings.demo().coinShare();

    @Option(names = "--funds", paramLabel = "N", description = "insurance funds (venues) the accounts are spread "
        + "over, each seeded with its share of --fund (default: ${DEFAULT-VALUE}, the single fund main)")
    int funds = CrashScenario.Settings.demo().funds();

    CrashScenario.Settings settings() {
      return new CrashScenario.Settings(accounts, seed, fund, coinShare, funds);
    }
  }
}
