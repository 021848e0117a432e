package dev.solvent.cli;

import dev.solvent.harness.crash.CrashScenario;
import dev.solvent.harness.history.PriceFile;
import dev.solvent.harness.history.PriceHistory;
import dev.solvent.harness.history.TopicFiles;
import dev.solvent.harness.loop.Feed;
import dev.solvent.harness.loop.LoopRecord;
import dev.solvent.harness.loop.Progress;
import dev.solvent.harness.run.LoopRun;
import dev.solvent.harness.run.OtherSide;
import dev.solvent.harness.run.RunResult;
import dev.solvent.harness.run.RunSpec;
import dev.solvent.job.config.SolventConfig;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./solvent replay}: recorded price history (exchange kline and trade CSVs, one source per file) with account
 * events and instruments from files or a generated population, through the job in the closed loop; with
 * {@code --compare A B} the same history under two configurations, side by side.
 */
final class ReplayCommand {

  static final String USAGE = "replay --prices UNDERLYING:SOURCE:FILE... [--accounts FILE]... [--instruments FILE]... "
      + "[--generate N] [--seed S] [--fund USD] [--from TIME] [--to TIME] [--out DIR] "
      + "[--config FILE | --compare CONFIG_A CONFIG_B] [key=value...]";

  /** A generated population opens this long after the history starts. */
  static final long POPULATION_DELAY_MILLIS = 5 * 60_000;

  /** What the command line asks for; {@link #feed()} builds the history from it. */
  record Request(List<PriceFile> prices, List<Path> accounts, List<Path> instruments, int generate, long seed,
      BigDecimal fund, Instant from, Instant to, Path output, Path config, List<Path> compare, List<String> overrides) {

    static Request parse(List<String> args) {
      List<PriceFile> prices = new ArrayList<>();
      List<Path> accounts = new ArrayList<>();
      List<Path> instruments = new ArrayList<>();
      List<Path> compare = new ArrayList<>();
      List<String> overrides = new ArrayList<>();
      int generate = 0;
      long seed = CrashScenario.Settings.demo().seed();
      BigDecimal fund = CrashScenario.Settings.demo().fundSeed();
      Instant from = null;
      Instant to = null;
      Path output = Path.of("solvent-replay");
      Path config = null;
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        switch (arg) {
          case "--prices" -> prices.add(PriceFile.parse(DemoCommand.value(args, ++i, arg)));
          case "--accounts" -> accounts.add(Path.of(DemoCommand.value(args, ++i, arg)));
          case "--instruments" -> instruments.add(Path.of(DemoCommand.value(args, ++i, arg)));
          case "--generate" -> generate = Integer.parseInt(DemoCommand.value(args, ++i, arg));
          case "--seed" -> seed = Long.parseLong(DemoCommand.value(args, ++i, arg));
          case "--fund" -> fund = new BigDecimal(DemoCommand.value(args, ++i, arg));
          case "--from" -> from = Instant.parse(DemoCommand.value(args, ++i, arg));
          case "--to" -> to = Instant.parse(DemoCommand.value(args, ++i, arg));
          case "--out" -> output = Path.of(DemoCommand.value(args, ++i, arg));
          case "--config" -> config = Path.of(DemoCommand.value(args, ++i, arg));
          case "--compare" -> {
            compare.add(Path.of(DemoCommand.value(args, ++i, arg)));
            compare.add(Path.of(DemoCommand.value(args, ++i, arg)));
          }
          default -> {
            if (!arg.contains("=")) {
              throw new IllegalArgumentException("unknown option " + arg + "; usage: " + USAGE);
            }
            overrides.add(arg);
          }
        }
      }
      if (prices.isEmpty()) {
        throw new IllegalArgumentException("no --prices given; usage: " + USAGE);
      }
      if (accounts.isEmpty() && generate == 0) {
        throw new IllegalArgumentException("no accounts: give --accounts FILE or --generate N");
      }
      if (config != null && !compare.isEmpty()) {
        throw new IllegalArgumentException("--config and --compare exclude each other: --compare names both");
      }
      return new Request(prices, accounts, instruments, generate, seed, fund, from, to, output, config, compare,
          overrides);
    }

    /** Every input in event-time order, cut to [from, to]; a generated population opens in the first minute. */
    Feed feed() {
      List<LoopRecord> records = new ArrayList<>();
      List<String> sources = new ArrayList<>();
      for (PriceFile file : prices) {
        records.addAll(PriceHistory.read(file));
        sources.add(file.underlying() + " from " + file.source() + " (" + file.path().getFileName() + ")");
      }
      for (Path file : instruments) {
        records.addAll(TopicFiles.read(file, "instruments"));
      }
      for (Path file : accounts) {
        records.addAll(TopicFiles.read(file, "account.events"));
      }
      long start = from != null ? from.toEpochMilli()
          : records.stream().mapToLong(LoopRecord::time).min().orElseThrow();
      long end = to != null ? to.toEpochMilli() : records.stream().mapToLong(LoopRecord::time).max().orElseThrow();
      List<LoopRecord> window = new ArrayList<>(records.stream().filter(r -> r.time() >= start && r.time() <= end)
          .toList());
      String description = "history " + Instant.ofEpochMilli(start) + " to " + Instant.ofEpochMilli(end) + ": "
          + String.join(", ", sources);
      if (generate > 0) {
        // Instruments are listed at the start and accounts open once the oracle has priced them: an instrument
        // never priced rejects the events naming it.
        long opening = Math.min(end, start + POPULATION_DELAY_MILLIS);
        Feed population = CrashScenario.population(new CrashScenario.Settings(generate, seed, fund), start, opening, end,
            lastPrices(window.stream().filter(r -> r.time() <= opening).toList()));
        window.addAll(population.records());
        description += "; " + population.description();
      }
      return new Feed(window, start, end, description);
    }

    /** Each underlying's last price in {@code records}: where the population opens its positions. */
    private static Map<String, Double> lastPrices(List<LoopRecord> records) {
      Map<String, Double> last = new HashMap<>();
      records.stream().sorted(LoopRecord.CANONICAL).forEach(r -> {
        if (r.record() instanceof dev.solvent.avro.ticks.MarketTick tick
            && tick.getPayload() instanceof dev.solvent.avro.ticks.Quote quote) {
          last.put(quote.getUnderlying(), quote.getPrice().doubleValue());
        }
      });
      return last;
    }
  }

  private ReplayCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    Request request = Request.parse(args);
    Feed feed = request.feed();
    out.println("solvent replay: " + feed.description());
    out.println("writing to " + request.output().toAbsolutePath());
    List<RunResult> results = new ArrayList<>();
    if (request.compare().isEmpty()) {
      SolventConfig config = Runs.config(request.config(), request.overrides());
      out.println(Runs.metricsLine(config));
      results.add(LoopRun.run(spec("replay", feed, config, request.output()), new Progress(err)));
    } else {
      String[] names = {"A", "B"};
      for (int i = 0; i < 2; i++) {
        Path file = request.compare().get(i);
        String name = names[i] + " " + file.getFileName();
        out.println("run " + name);
        SolventConfig config = Runs.config(file, request.overrides());
        out.println(Runs.metricsLine(config));
        results.add(LoopRun.run(spec(name, feed, config, request.output().resolve(names[i])), new Progress(err)));
      }
    }
    return Runs.finish(results, request.output(), "Solvent replay: " + feed.description(), out, err);
  }

  private static RunSpec spec(String name, Feed feed, SolventConfig config, Path output) {
    // Recorded prices already hold the real market's reaction: the venue fills without moving the other sources.
    return new RunSpec(name, feed, config, OtherSide.venue(false), OtherSide.liquidators(feed.start(), 8),
        OtherSide::gas, output);
  }
}
