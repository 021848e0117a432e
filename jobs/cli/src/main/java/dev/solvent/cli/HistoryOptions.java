package dev.solvent.cli;

import dev.solvent.harness.crash.CrashScenario;
import dev.solvent.harness.history.HistoryFeed;
import dev.solvent.harness.history.PriceFile;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Recorded history to run: price files, account and instrument files or a generated population, a window. */
final class HistoryOptions {

  @Option(names = "--prices", paramLabel = "UNDERLYING:SOURCE:FILE", required = true,
      description = "a kline or trade CSV (format detected) as one oracle source of an underlying; repeat per source")
  List<String> prices = new ArrayList<>();

  @Option(names = "--accounts", paramLabel = "FILE", description = "account.events as JSON Lines or Avro; repeatable")
  List<Path> accounts = new ArrayList<>();

  @Option(names = "--instruments", paramLabel = "FILE", description = "instrument specs as JSON Lines or Avro; "
      + "repeatable")
  List<Path> instruments = new ArrayList<>();

  @Option(names = "--generate", paramLabel = "N", description = "a generated population of N accounts (the crash's "
      + "instruments), opened 5 minutes in")
  int generate;

  @Option(names = "--seed", paramLabel = "S", description = "seed of a generated population and the liquidators "
      + "(default: ${DEFAULT-VALUE})")
  long seed = CrashScenario.Settings.demo().seed();

  @Option(names = "--fund", paramLabel = "USD", description = "insurance fund seed of a generated population "
      + "(default: ${DEFAULT-VALUE})")
  BigDecimal fund = CrashScenario.Settings.demo().fundSeed();

  @Option(names = "--coin-share", paramLabel = "F", description = "share of a generated population margined in BTC: "
      + "inverse perpetual and coin-settled put pairs (default: ${DEFAULT-VALUE}, the population of the README's "
      + "replay tables)")
  double coinShare;

  @Option(names = "--funds", paramLabel = "N", description = "insurance funds (venues) a generated population is "
      + "spread over, each seeded with its share of --fund (default: ${DEFAULT-VALUE}, the single fund main)")
  int funds = 1;

  @Option(names = "--from", paramLabel = "TIME", description = "start of the window, ISO-8601 (default: the history's "
      + "first record)")
  Instant from;

  @Option(names = "--to", paramLabel = "TIME", description = "end of the window, ISO-8601 (default: its last record)")
  Instant to;

  HistoryFeed history() {
    return new HistoryFeed(prices.stream().map(PriceFile::parse).toList(), accounts, instruments, generate, seed, fund,
        coinShare, funds, from, to);
  }
}
