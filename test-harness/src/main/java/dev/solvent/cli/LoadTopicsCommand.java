package dev.solvent.cli;

import dev.solvent.harness.crash.CrashScenario;
import dev.solvent.harness.kafka.TopicLoader;
import dev.solvent.harness.loop.Feed;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./solvent load-topics}: the demo's crash or a replay's history into the input topics of a Kafka broker,
 * keyed, timestamped with event time, idempotently (see {@link TopicLoader}).
 */
final class LoadTopicsCommand {

  static final String USAGE = "load-topics --bootstrap HOST:PORT [--partitions N] (--demo [--accounts N] [--seed S] "
      + "[--fund USD] | the history options of replay)";

  private LoadTopicsCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    String bootstrap = null;
    int partitions = 2;
    boolean demo = args.contains("--demo");
    CrashScenario.Settings settings = CrashScenario.Settings.demo();
    int accounts = settings.accounts();
    long seed = settings.seed();
    BigDecimal fund = settings.fundSeed();
    List<String> history = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--bootstrap" -> bootstrap = DemoCommand.value(args, ++i, arg);
        case "--partitions" -> partitions = Integer.parseInt(DemoCommand.value(args, ++i, arg));
        case "--demo" -> { }
        case "--accounts", "--seed", "--fund" -> {
          String value = DemoCommand.value(args, ++i, arg);
          if (!demo) {
            history.add(arg);
            history.add(value);
          } else if (arg.equals("--accounts")) {
            accounts = Integer.parseInt(value);
          } else if (arg.equals("--seed")) {
            seed = Long.parseLong(value);
          } else {
            fund = new BigDecimal(value);
          }
        }
        default -> history.add(arg);
      }
    }
    if (bootstrap == null) {
      throw new IllegalArgumentException("--bootstrap is required; usage: " + USAGE);
    }
    Feed feed = demo ? CrashScenario.generate(new CrashScenario.Settings(accounts, seed, fund))
        : ReplayCommand.Request.parse(history).feed();
    out.println("loading " + feed.description() + " into " + bootstrap);
    TopicLoader.load(bootstrap, feed, partitions, out);
    return 0;
  }
}
