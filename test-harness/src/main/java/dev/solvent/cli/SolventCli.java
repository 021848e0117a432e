package dev.solvent.cli;

import dev.solvent.cli.explain.ExplainCommand;
import dev.solvent.job.PipelinePlan;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code ./solvent} command line: one subcommand per user task. */
public final class SolventCli {

  /** Exit code for a command used wrongly or given malformed input. */
  public static final int USAGE = 2;

  interface Command {
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
  }

  private record Subcommand(String usage, String summary, Command command) {}

  private final Map<String, Subcommand> subcommands = new LinkedHashMap<>();

  SolventCli() {
    subcommands.put("demo", new Subcommand(DemoCommand.USAGE,
        "the built-in crash through the job on the embedded cluster, with a venue and liquidators; summary, "
            + "topics as JSON Lines, HTML report, invariants",
        DemoCommand::run));
    subcommands.put("replay", new Subcommand(ReplayCommand.USAGE,
        "recorded exchange history (kline or trade CSVs) with account files or a generated population, through "
            + "the job in the same loop; --compare runs two configurations side by side",
        ReplayCommand::run));
    subcommands.put("load-topics", new Subcommand(LoadTopicsCommand.USAGE,
        "the demo's crash or recorded history into the input topics of a Kafka broker (keyed, event-time "
            + "timestamps, idempotent)", LoadTopicsCommand::run));
    subcommands.put("submit", new Subcommand(SubmitCommand.SUBMIT_USAGE,
        "submit the shaded job jar to a Flink cluster's REST API; prints the job id", SubmitCommand::submit));
    subcommands.put("stop", new Subcommand(SubmitCommand.STOP_USAGE,
        "stop a job with a savepoint; prints the savepoint's path", SubmitCommand::stop));
    subcommands.put("plan", new Subcommand("plan", "print the job graph: stages, keys, topics",
        (args, out, err) -> plan(out)));
    subcommands.put("throughput", new Subcommand("throughput [--accounts N] [--seconds S] [--parallelism P]",
        "replay a generated scenario through the job graph on the embedded cluster and print events/s",
        (args, out, err) -> dev.solvent.harness.bench.PipelineThroughput.run(args, out)));
    subcommands.put("explain", new Subcommand("explain FILE.json...|-",
        "explain one account's margin: equity, margins, Greeks, liquidation/bankruptcy prices, plan",
        (args, out, err) -> ExplainCommand.run(args, System.in, out, err)));
  }

  public static void main(String[] args) throws Exception {
    System.exit(new SolventCli().run(Arrays.asList(args), System.out, System.err));
  }

  int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    if (args.isEmpty() || List.of("-h", "--help", "help").contains(args.get(0))) {
      out.print(help());
      return args.isEmpty() ? USAGE : 0;
    }
    Subcommand subcommand = subcommands.get(args.get(0));
    if (subcommand == null) {
      err.println("solvent: unknown command '" + args.get(0) + "'");
      err.print(help());
      return USAGE;
    }
    try {
      return subcommand.command().run(args.subList(1, args.size()), out, err);
    } catch (IllegalArgumentException e) {
      // malformed options, configuration or input files: say what, not where in the code
      err.println("solvent " + args.get(0) + ": " + e.getMessage());
      return USAGE;
    }
  }

  String help() {
    StringBuilder help = new StringBuilder("""
        Solvent: streaming margin and liquidation engine on Apache Flink.

        Usage: ./solvent COMMAND [ARGS]

        Commands:
        """);
    subcommands.values().forEach(s -> help.append(String.format("  %s%n      %s%n", s.usage(), s.summary())));
    help.append("\nSee README.md for every command's options and input formats.\n");
    return help.toString();
  }

  private static int plan(PrintStream out) {
    out.print(PipelinePlan.render());
    return 0;
  }
}
