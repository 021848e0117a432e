package dev.solvent.harness.history;

import dev.solvent.avro.ticks.MarketTick;
import dev.solvent.avro.ticks.Quote;
import dev.solvent.harness.crash.CrashScenario;
import dev.solvent.harness.loop.Feed;
import dev.solvent.harness.loop.LoopRecord;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recorded history as a feed: price files (one source each), account events and instruments from files or a
 * generated population, cut to a window.
 *
 * @param generate accounts of a generated population (0: none; account files then give the accounts)
 * @param coinShare the generated population's share of BTC-margined accounts (inverse perpetual and coin-settled put
 *     pairs, valued at the history's BTC prices)
 * @param funds the insurance funds (venues) a generated population is spread over (CrashScenario.Settings)
 * @param from the window's start, or null for the history's first record
 * @param to the window's end, or null for its last
 */
public record HistoryFeed(List<PriceFile> prices, List<Path> accounts, List<Path> instruments, int generate,
    long seed, BigDecimal fund, double coinShare, int funds, Instant from, Instant to) {

  /** A generated population opens this long after the history starts. */
  public static final long POPULATION_DELAY_MILLIS = 5 * 60_000;

  public HistoryFeed {
    prices = List.copyOf(prices);
    accounts = List.copyOf(accounts);
    instruments = List.copyOf(instruments);
    if (prices.isEmpty()) {
      throw new IllegalArgumentException("no price history: give --prices UNDERLYING:SOURCE:FILE");
    }
    if (accounts.isEmpty() && generate == 0) {
      throw new IllegalArgumentException("no accounts: give --accounts FILE or --generate N");
    }
  }

  /** Every input in event-time order, cut to [from, to]; a generated population opens in the first minutes. */
  public Feed feed() {
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
      Feed population = CrashScenario.population(new CrashScenario.Settings(generate, seed, fund, coinShare, funds), start,
          opening, end,
          lastPrices(window.stream().filter(r -> r.time() <= opening).toList()));
      window.addAll(population.records());
      description += "; " + population.description();
    }
    return new Feed(window, start, end, description);
  }

  /** How often each price file's source quotes inside the feed's window. */
  public List<SourceCadence> cadences(Feed feed) {
    return prices.stream().map(file -> SourceCadence.of(file, feed.records())).toList();
  }

  /** Each underlying's last price in {@code records}: where the population opens its positions. */
  private static Map<String, Double> lastPrices(List<LoopRecord> records) {
    Map<String, Double> last = new HashMap<>();
    records.stream().sorted(LoopRecord.CANONICAL).forEach(r -> {
      if (r.record() instanceof MarketTick tick && tick.getPayload() instanceof Quote quote) {
        last.put(quote.getUnderlying(), quote.getPrice().doubleValue());
      }
    });
    return last;
  }
}
