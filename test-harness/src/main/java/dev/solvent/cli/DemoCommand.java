package dev.solvent.cli;

import dev.solvent.harness.crash.CrashScenario;
import dev.solvent.harness.loop.Feed;
import dev.solvent.harness.loop.Progress;
import dev.solvent.harness.run.LoopRun;
import dev.solvent.harness.run.OtherSide;
import dev.solvent.harness.run.RunResult;
import dev.solvent.harness.run.RunSpec;
import dev.solvent.job.config.SolventConfig;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./solvent demo}: the built-in crash through the job graph on the embedded cluster, in a closed loop with the
 * venue and the liquidators; prints the summary, writes every topic and the report, checks the invariants.
 */
final class DemoCommand {

  static final String USAGE = "demo [--accounts N] [--seed S] [--fund USD] [--out DIR] [--config FILE] [key=value...]";

  /**
   * The demo's oracle: every publication revalues every account holding the underlying, so it publishes on a 0.4 %
   * move (the crash's and the venue's moves at once) or every 5 minutes, instead of every minute; this keeps 10,000
   * accounts through four hours of crash within the 5 minutes the demo is allowed.
   */
  static final java.util.Map<String, String> DEMO_DEFAULTS = java.util.Map.of(
      "oracle.deviation-threshold", "0.004", "oracle.heartbeat-ms", "300000");

  private DemoCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    CrashScenario.Settings settings = CrashScenario.Settings.demo();
    int accounts = settings.accounts();
    long seed = settings.seed();
    BigDecimal fund = settings.fundSeed();
    Path output = Path.of("solvent-demo");
    Path configFile = null;
    List<String> overrides = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--accounts" -> accounts = Integer.parseInt(value(args, ++i, arg));
        case "--seed" -> seed = Long.parseLong(value(args, ++i, arg));
        case "--fund" -> fund = new BigDecimal(value(args, ++i, arg));
        case "--out" -> output = Path.of(value(args, ++i, arg));
        case "--config" -> configFile = Path.of(value(args, ++i, arg));
        default -> {
          if (!arg.contains("=")) {
            throw new IllegalArgumentException("unknown option " + arg + "; usage: " + USAGE);
          }
          overrides.add(arg);
        }
      }
    }
    SolventConfig config = Runs.config(configFile, overrides);
    config = Runs.withDefaults(config, DEMO_DEFAULTS);
    Feed feed = CrashScenario.generate(new CrashScenario.Settings(accounts, seed, fund));
    out.println("solvent demo: " + feed.description());
    out.println("writing to " + output.toAbsolutePath());
    out.println(Runs.metricsLine(config));
    RunSpec spec = new RunSpec("demo", feed, config, OtherSide.venue(true), OtherSide.liquidators(seed, 8),
        OtherSide::gas, output);
    RunResult result = LoopRun.run(spec, new Progress(err));
    return Runs.finish(List.of(result), output, "Solvent demo: " + feed.description(), out, err);
  }

  static String value(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(i);
  }
}
