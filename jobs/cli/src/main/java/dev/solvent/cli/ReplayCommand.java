package dev.solvent.cli;

import dev.solvent.harness.history.HistoryFeed;
import dev.solvent.harness.history.SourceCadence;
import dev.solvent.harness.loop.Feed;
import dev.solvent.harness.loop.Progress;
import dev.solvent.harness.run.LoopRun;
import dev.solvent.harness.run.OtherSide;
import dev.solvent.harness.run.RunConfig;
import dev.solvent.harness.run.RunResult;
import dev.solvent.harness.run.RunSpec;
import dev.solvent.harness.run.Summaries;
import dev.solvent.job.config.SolventConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./solvent replay}: recorded price history (exchange kline and trade CSVs, one source per file) with account
 * events and instruments from files or a generated population, through the job in the closed loop; with
 * {@code --compare A B} the same history under two configurations, side by side.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Recorded exchange history (kline or trade CSVs) with account files or a generated population, "
        + "through the job in the same loop as the demo; --compare runs two configurations side by side."})
final class ReplayCommand implements Callable<Integer> {

  @ParentCommand
  SolventCli root;

  @Mixin
  HistoryOptions history;

  @Option(names = "--out", paramLabel = "DIR", description = "where topics and the report go (default: ${DEFAULT-VALUE})")
  Path output = Path.of("solvent-replay");

  @Option(names = "--compare", arity = "2", paramLabel = "CONFIG", description = "two configuration files: run "
      + "both and print them side by side with their differences (excludes --config)")
  List<Path> compare = new ArrayList<>();

  @Mixin
  ConfigOptions config;

  @Override
  public Integer call() throws Exception {
    if (config.file != null && !compare.isEmpty()) {
      throw new IllegalArgumentException("--config and --compare exclude each other: --compare names both");
    }
    HistoryFeed request = history.history();
    Feed feed = request.feed();
    root.out.println("solvent replay: " + feed.description());
    root.out.println("writing to " + output.toAbsolutePath());
    List<SourceCadence> cadences = request.cadences(feed);
    List<RunResult> results = new ArrayList<>();
    if (compare.isEmpty()) {
      results.add(run("replay", feed, config.file, output, cadences));
    } else {
      String[] names = {"A", "B"};
      for (int i = 0; i < 2; i++) {
        String name = names[i] + " " + compare.get(i).getFileName();
        root.out.println("run " + name);
        results.add(run(name, feed, compare.get(i), output.resolve(names[i]), cadences));
      }
    }
    return Summaries.print(results, output, "Solvent replay: " + feed.description(), root.out, root.err);
  }

  private RunResult run(String name, Feed feed, Path configFile, Path out, List<SourceCadence> cadences)
      throws Exception {
    SolventConfig settings = RunConfig.loop(configFile, config.overrides());
    root.out.println(RunConfig.metricsLine(settings));
    SourceCadence.warnings(cadences, settings.get(SolventConfig.ORACLE_STALENESS),
        SolventConfig.ORACLE_STALENESS.name(), settings.get(SolventConfig.ORACLE_MIN_SOURCES),
        SolventConfig.ORACLE_MIN_SOURCES.name()).forEach(w -> root.err.println("solvent replay: " + w));
    // Recorded prices already hold the real market's reaction: the venue fills without moving the other sources.
    return LoopRun.run(new RunSpec(name, feed, settings, OtherSide.venue(false), OtherSide.liquidators(feed.start(), 8),
        OtherSide::gas, out), new Progress(root.err));
  }
}
