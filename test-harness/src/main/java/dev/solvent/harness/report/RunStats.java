package dev.solvent.harness.report;

import dev.solvent.avro.account.AccountEvent;
import dev.solvent.avro.account.AccountOpened;
import dev.solvent.avro.account.LiquidationFill;
import dev.solvent.avro.adl.AdlOrder;
import dev.solvent.avro.awards.RiskAuctionResult;
import dev.solvent.avro.auction.AuctionEvent;
import dev.solvent.avro.auction.AuctionEventKind;
import dev.solvent.avro.deadletter.DeadLetter;
import dev.solvent.avro.instruments.Instrument;
import dev.solvent.avro.instruments.InstrumentUpdate;
import dev.solvent.avro.insurance.LedgerEntry;
import dev.solvent.avro.liquidation.LiquidationKind;
import dev.solvent.avro.liquidation.LiquidationOrder;
import dev.solvent.avro.calls.MarginCall;
import dev.solvent.avro.margin.MarginUpdate;
import dev.solvent.avro.offers.PortfolioOffer;
import dev.solvent.avro.oracle.OraclePrice;
import dev.solvent.avro.pool.PoolEntry;
import dev.solvent.avro.pool.PoolEntryKind;
import dev.solvent.avro.ticks.MarketTick;
import dev.solvent.avro.ticks.Quote;
import dev.solvent.harness.loop.LoopRecord;
import dev.solvent.harness.loop.Participant;
import dev.solvent.job.model.Instruments;
import dev.solvent.risk.ledger.Payoff;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts what a run did, from the records that crossed the job's boundary (its inputs, including the venue's fills,
 * and its outputs), and samples the time series of the report once per bucket of event time. Money is summed in
 * exact decimals; the time series are doubles, for plotting only.
 */
public final class RunStats implements Participant {

  /** Margin-ratio bands of the report, upper bounds exclusive; accounts without a ratio (no margin) are not drawn. */
  static final double[] BAND_UPPER = {1, 1.25, 1.5, 2, Double.POSITIVE_INFINITY};
  static final String[] BAND_NAMES = {"< 1", "1 - 1.25", "1.25 - 1.5", "1.5 - 2", ">= 2"};

  private static final String USD = "USD";

  private final long start;
  private final long bucketMillis;
  private final Map<String, String> modeOf = new HashMap<>();
  private final Map<String, BigDecimal> contractSize = new HashMap<>();
  /** Instruments settled in their coin: inverse contracts and coin-settled options, by id, with their coin. */
  private final Map<String, String> coinSettled = new HashMap<>();
  private final Set<String> inverse = new java.util.HashSet<>();
  /** The latest oracle index by underlying: what a coin amount is worth in USD when it is booked. */
  private final Map<String, BigDecimal> lastIndex = new HashMap<>();
  private final Map<String, String> currencyOf = new HashMap<>();
  private final Map<String, Integer> bandOf = new HashMap<>();
  private final Map<String, BigDecimal> lastEquity = new TreeMap<>();
  private final int[] bandCounts = new int[BAND_UPPER.length];
  private final Map<String, Long> liquidationsByKind = new TreeMap<>();
  private final Map<String, Long> deadLetters = new TreeMap<>();
  private final Map<String, Long> auctions = new TreeMap<>();
  private final Map<String, BigDecimal> fundBalance = new TreeMap<>();
  private final Map<String, BigDecimal> fundLow = new TreeMap<>();
  private final List<Long> oracleLags = new ArrayList<>();
  private long accounts;
  private long marginCalls;
  private long liquidationFills;
  private long adlOrders;
  private long staleOraclePrices;
  private long settledAuctions;
  private BigDecimal liquidatedNotional = BigDecimal.ZERO;
  private BigDecimal auctionDebtRepaid = BigDecimal.ZERO;
  private BigDecimal adlNotional = BigDecimal.ZERO;
  private BigDecimal penalties = BigDecimal.ZERO;
  private BigDecimal deficits = BigDecimal.ZERO;
  private BigDecimal shortfalls = BigDecimal.ZERO;
  private BigDecimal shortfallCoveredByAdl = BigDecimal.ZERO;
  private BigDecimal poolCovers = BigDecimal.ZERO;
  private long offers;
  private final Map<String, Long> riskAuctions = new TreeMap<>();
  private BigDecimal poolBalance;
  private BigDecimal poolLow;
  private BigDecimal liquidationCost = BigDecimal.ZERO;
  /**
   * Per liquidation order (and risk auction takeover order), the mark it was planned (offered) at: what its fills
   * cost is measured against it.
   */
  private final Map<String, BigDecimal> orderMark = new HashMap<>();

  // time series, one point per bucket
  private final TreeMap<Long, int[]> bands = new TreeMap<>();
  private final TreeMap<Long, Map<String, Long>> liquidationsByMode = new TreeMap<>();
  private final Map<String, TreeMap<Long, Double>> prices = new TreeMap<>();
  private final Map<String, TreeMap<Long, Double>> fundSeries = new TreeMap<>();
  private final TreeMap<Long, Integer> cascadeDepth = new TreeMap<>();

  /**
   * @param start the run's first event time
   * @param end its last; the report has about 300 points between them, at least one minute apart
   */
  public RunStats(long start, long end) {
    this.start = start;
    this.bucketMillis = Math.max(60_000, (end - start) / 300);
  }

  @Override
  public List<LoopRecord> step(long until, List<LoopRecord> inputs, List<LoopRecord> outputs) {
    for (LoopRecord in : inputs) {
      input(in);
    }
    for (LoopRecord out : outputs) {
      output(out);
    }
    if (until != Long.MAX_VALUE) {
      bands.put(bucket(until), bandCounts.clone());
    }
    return List.of();
  }

  /** Records the venue's cascade level of a liquidation, for the cascade-depth plot. */
  public void cascade(long time, int depth) {
    cascadeDepth.merge(bucket(time), depth, Math::max);
  }

  private long bucket(long time) {
    return start + Math.floorDiv(time - start, bucketMillis) * bucketMillis;
  }

  private void input(LoopRecord in) {
    if (in.record() instanceof AccountEvent event) {
      if (event.getPayload() instanceof AccountOpened opened) {
        accounts++;
        modeOf.put(opened.getAccountId(), opened.getMarginMode().name());
        if (opened.getCurrency() != null) {
          currencyOf.put(opened.getAccountId(), opened.getCurrency());
        }
      } else if (event.getPayload() instanceof LiquidationFill fill) {
        liquidationFills++;
        liquidatedNotional = liquidatedNotional.add(usdNotional(fill.getInstrumentId(), fill.getQuantity(),
            fill.getPrice()));
        BigDecimal mark = orderMark.get(fill.getOrderId());
        if (mark != null) {
          liquidationCost = liquidationCost.add(costAgainstMark(fill.getInstrumentId(), fill.getQuantity(),
              fill.getPrice(), mark));
        }
      }
    } else if (in.record() instanceof InstrumentUpdate update && update.getPayload() instanceof Instrument spec) {
      contractSize.put(spec.getInstrumentId(), spec.getContractSize());
      if (!Instruments.settlementCurrency(spec).equals(USD)) {
        coinSettled.put(spec.getInstrumentId(), Instruments.settlementCurrency(spec));
      }
      if (Instruments.inverse(spec)) {
        inverse.add(spec.getInstrumentId());
      }
    } else if (in.record() instanceof MarketTick tick && tick.getPayload() instanceof Quote quote) {
      prices.computeIfAbsent(quote.getUnderlying() + " " + quote.getSource(), k -> new TreeMap<>())
          .put(bucket(in.time()), quote.getPrice().doubleValue());
    }
  }

  private void output(LoopRecord out) {
    Object r = out.record();
    if (r instanceof MarginUpdate update) {
      margin(update);
    } else if (r instanceof MarginCall) {
      marginCalls++;
    } else if (r instanceof LiquidationOrder order) {
      liquidation(order, out.time());
    } else if (r instanceof AdlOrder order) {
      adlOrders++;
      adlNotional = adlNotional.add(usdNotional(order.getInstrumentId(), order.getQuantity(), order.getPrice()));
      shortfallCoveredByAdl = shortfallCoveredByAdl.add(usd(order.getShortfallCovered(),
          coinSettled.getOrDefault(order.getInstrumentId(), USD)));
    } else if (r instanceof AuctionEvent event) {
      auction(event, out.time());
    } else if (r instanceof LedgerEntry entry) {
      ledger(entry, out.time());
    } else if (r instanceof PoolEntry entry) {
      pool(entry, out.time());
    } else if (r instanceof PortfolioOffer offer) {
      offers++;
      // A takeover's fills cost the account what they fall short of the offer's marks, as a liquidation's do.
      offer.getPositions().forEach(p -> orderMark.put(p.getOrderId(), p.getMarkPrice()));
    } else if (r instanceof RiskAuctionResult result) {
      riskAuctions.merge(result.getOutcome().name(), 1L, Long::sum);
    } else if (r instanceof DeadLetter letter) {
      deadLetters.merge(letter.getReason().name(), 1L, Long::sum);
    } else if (r instanceof OraclePrice price) {
      oracle(price, out.time());
    }
  }

  private void margin(MarginUpdate update) {
    String account = update.getAccountId();
    lastEquity.put(account, usd(update.getEquity(), update.getCurrency() == null ? USD : update.getCurrency()));
    Integer before = bandOf.remove(account);
    if (before != null) {
      bandCounts[before]--;
    }
    Double ratio = update.getMarginRatio();
    if (ratio != null) {
      int band = 0;
      while (ratio >= BAND_UPPER[band]) {
        band++;
      }
      bandOf.put(account, band);
      bandCounts[band]++;
    }
  }

  private void liquidation(LiquidationOrder order, long time) {
    liquidationsByKind.merge(order.getKind().name(), 1L, Long::sum);
    orderMark.put(order.getOrderId(), order.getMarkPrice());
    if (order.getKind() == LiquidationKind.PARTIAL || order.getKind() == LiquidationKind.FULL) {
      String mode = modeOf.getOrDefault(order.getAccountId(), "UNKNOWN");
      liquidationsByMode.computeIfAbsent(bucket(time), b -> new TreeMap<>()).merge(mode, 1L, Long::sum);
    }
  }

  private void auction(AuctionEvent event, long time) {
    auctions.merge(event.getKind().name(), 1L, Long::sum);
    if (event.getKind() == AuctionEventKind.STARTED) {
      liquidationsByMode.computeIfAbsent(bucket(time), b -> new TreeMap<>()).merge("LENDING", 1L, Long::sum);
    } else if (event.getKind() == AuctionEventKind.SETTLED) {
      settledAuctions++;
      if (event.getDebtRepaid() != null) {
        auctionDebtRepaid = auctionDebtRepaid.add(event.getDebtRepaid());
      }
    }
  }

  /** Totals in USD (a coin amount at the index when booked); each fund balance in its own currency. */
  private void ledger(LedgerEntry entry, long time) {
    String currency = entry.getCurrency() == null ? USD : entry.getCurrency();
    switch (entry.getKind()) {
      case PENALTY_INCOME -> penalties = penalties.add(usd(entry.getAmount(), currency));
      case DEFICIT_PAYOUT -> deficits = deficits.add(usd(entry.getAmount().negate(), currency));
      case SHORTFALL -> shortfalls = shortfalls.add(usd(entry.getShortfall() == null ? BigDecimal.ZERO
          : entry.getShortfall(), currency));
      default -> { }
    }
    String fund = entry.getFundId() + " " + currency;
    fundBalance.put(fund, entry.getBalanceAfter());
    if (entry.getKind() != dev.solvent.avro.insurance.LedgerEntryKind.SEED) {
      fundLow.merge(fund, entry.getBalanceAfter(), BigDecimal::min);
    }
    fundSeries.computeIfAbsent(fund, f -> new TreeMap<>()).put(bucket(time),
        usd(entry.getBalanceAfter(), currency).doubleValue());
  }

  /** The mutual pool (USD): premiums are penalties the accounts paid; a cover is a shortfall ADL no longer takes. */
  private void pool(PoolEntry entry, long time) {
    switch (entry.getKind()) {
      case PREMIUM -> penalties = penalties.add(entry.getAmount());
      case COVER -> {
        shortfalls = shortfalls.add(entry.getAmount());
        poolCovers = poolCovers.subtract(entry.getAmount());
      }
      default -> { }
    }
    poolBalance = entry.getBalanceAfter();
    if (entry.getKind() != PoolEntryKind.SEED) {
      poolLow = poolLow == null ? poolBalance : poolLow.min(poolBalance);
    }
    fundSeries.computeIfAbsent("pool", f -> new TreeMap<>()).put(bucket(time), poolBalance.doubleValue());
  }

  /**
   * What a liquidation fill cost its account against the mark its order was planned at, in USD: {@code v(quantity,
   * price) − v(quantity, mark)} (quantity signed: a sell below the mark costs), v the contract's {@link Payoff#value}
   * (in the coin for an inverse contract or a coin-settled option, converted at the index).
   */
  private BigDecimal costAgainstMark(String instrument, BigDecimal quantity, BigDecimal price, BigDecimal mark) {
    Payoff payoff = inverse.contains(instrument) ? Payoff.INVERSE : Payoff.LINEAR;
    BigDecimal size = contractSize.getOrDefault(instrument, BigDecimal.ONE);
    BigDecimal cost = payoff.value(quantity, price, size).subtract(payoff.value(quantity, mark, size));
    return coinSettled.containsKey(instrument)
        ? usd(cost.setScale(8, RoundingMode.HALF_EVEN), coinSettled.get(instrument)) : cost;
  }

  /** An amount in USD: a coin amount at the coin's latest oracle index (0 before the first). */
  private BigDecimal usd(BigDecimal amount, String currency) {
    return USD.equals(currency) ? amount
        : amount.multiply(lastIndex.getOrDefault(currency, BigDecimal.ZERO)).setScale(8, RoundingMode.HALF_EVEN);
  }

  /**
   * The USD notional of a fill: quantity × price × size; an inverse contract's is quantity × size (size is USD), a
   * coin-settled option's premium is in the coin.
   */
  private BigDecimal usdNotional(String instrument, BigDecimal quantity, BigDecimal price) {
    BigDecimal size = contractSize.getOrDefault(instrument, BigDecimal.ONE);
    if (inverse.contains(instrument)) {
      return quantity.abs().multiply(size);
    }
    BigDecimal notional = quantity.abs().multiply(price).multiply(size);
    return coinSettled.containsKey(instrument) ? usd(notional, coinSettled.get(instrument)) : notional;
  }

  private void oracle(OraclePrice price, long time) {
    // A stale publication's lag is the silence of its sources (at the end of input, until the job ends): counted
    // apart, so the percentiles describe the prices the engine acted on.
    if (price.getStale()) {
      staleOraclePrices++;
    } else {
      oracleLags.add(price.getPublishTime().toEpochMilli() - price.getSourceTime().toEpochMilli());
    }
    lastIndex.put(price.getUnderlying(), price.getIndexPrice());
    prices.computeIfAbsent(price.getUnderlying() + " oracle", k -> new TreeMap<>())
        .put(bucket(time), price.getIndexPrice().doubleValue());
  }

  // Figures --------------------------------------------------------------------------------------------------------

  /** The summary's figures, in the order of the table. */
  public List<Figure> figures() {
    List<Figure> f = new ArrayList<>();
    f.add(Figure.count("accounts", accounts));
    f.add(Figure.count("margin calls", marginCalls));
    f.add(Figure.count("liquidations, partial", liquidationsByKind.getOrDefault("PARTIAL", 0L)));
    f.add(Figure.count("liquidations, full", liquidationsByKind.getOrDefault("FULL", 0L)));
    f.add(Figure.count("liquidations, replanned", liquidationsByKind.getOrDefault("REPLAN", 0L)));
    f.add(Figure.count("positions taken over by the fund", liquidationsByKind.getOrDefault("TAKEOVER", 0L)));
    f.add(Figure.count("liquidation fills", liquidationFills));
    f.add(Figure.money("liquidated notional, USD", liquidatedNotional));
    if (offers > 0 || !riskAuctions.isEmpty()) {
      f.add(Figure.count("portfolios offered to the risk auction", offers));
      f.add(Figure.count("  won by a backstop provider", riskAuctions.getOrDefault("WON", 0L)));
      f.add(Figure.count("  without an acceptable bid", riskAuctions.getOrDefault("NO_ACCEPTABLE_BID", 0L)));
    }
    f.add(Figure.count("auctions started", auctions.getOrDefault("STARTED", 0L)));
    f.add(Figure.count("auctions settled", settledAuctions));
    f.add(Figure.money("auction debt repaid, USD", auctionDebtRepaid));
    f.add(Figure.money("penalties, USD", penalties));
    f.add(Figure.money("deficits paid by the fund, USD", deficits));
    for (String fund : fundBalance.keySet()) {
      // "main USD low, USD" reads as before: a quote fund keeps its name alone.
      String name = fund.endsWith(" " + USD) ? fund.substring(0, fund.length() - USD.length() - 1) : fund;
      String currency = fund.substring(fund.lastIndexOf(' ') + 1);
      BigDecimal low = fundLow.getOrDefault(fund, fundBalance.get(fund));
      boolean quote = currency.equals(USD);
      f.add(quote ? Figure.money("insurance fund " + name + " low, USD", low)
          : Figure.coin("insurance fund " + name + " low, " + currency, low));
      f.add(quote ? Figure.money("insurance fund " + name + " end, USD", fundBalance.get(fund))
          : Figure.coin("insurance fund " + name + " end, " + currency, fundBalance.get(fund)));
    }
    if (poolBalance != null) {
      f.add(Figure.money("insurance pool covers, USD", poolCovers));
      f.add(Figure.money("insurance pool low, USD", poolLow == null ? poolBalance : poolLow));
      f.add(Figure.money("insurance pool end, USD", poolBalance));
    }
    f.add(Figure.count("ADL orders", adlOrders));
    f.add(Figure.money("ADL notional, USD", adlNotional));
    f.add(Figure.money("bad debt, USD", badDebt()));
    f.add(Figure.money("liquidated accounts' loss (penalties + fills against the mark), USD",
        penalties.add(liquidationCost)));
    long dead = deadLetters.values().stream().mapToLong(Long::longValue).sum();
    f.add(Figure.count("dead letters", dead));
    deadLetters.forEach((reason, n) -> f.add(Figure.count("  " + reason, n)));
    long[] lags = oracleLags.stream().mapToLong(Long::longValue).sorted().toArray();
    f.add(Figure.count("oracle prices", lags.length + staleOraclePrices));
    f.add(Figure.count("oracle prices stale", staleOraclePrices));
    f.add(Figure.percent("oracle prices stale, share", staleShare()));
    for (double p : new double[] {50, 95, 99}) {
      f.add(Figure.millis(String.format("oracle lag p%.0f (live prices), ms", p), percentile(lags, p)));
    }
    f.add(Figure.millis("oracle lag max (live prices), ms", lags.length == 0 ? 0 : lags[lags.length - 1]));
    return f;
  }

  /** Stale oracle publications over all of them (0 when there were none). */
  public double staleShare() {
    long all = oracleLags.size() + staleOraclePrices;
    return all == 0 ? 0 : (double) staleOraclePrices / all;
  }

  /** Stale oracle publications. */
  public long staleOraclePrices() {
    return staleOraclePrices;
  }

  /**
   * Debt nobody covers: shortfalls the fund handed to ADL that ADL did not cover, plus the negative equity left on
   * accounts at the end (a lending position whose collateral no longer covers its debt).
   */
  public BigDecimal badDebt() {
    BigDecimal uncovered = shortfalls.subtract(shortfallCoveredByAdl).max(BigDecimal.ZERO);
    for (BigDecimal equity : lastEquity.values()) {
      if (equity.signum() < 0) {
        uncovered = uncovered.add(equity.negate());
      }
    }
    return uncovered;
  }

  /** Nearest-rank percentile of sorted values. */
  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
  }

  // Charts ---------------------------------------------------------------------------------------------------------

  public List<Chart> charts() {
    List<Chart> charts = new ArrayList<>();
    Map<String, List<Series>> byUnderlying = new TreeMap<>();
    prices.forEach((name, points) -> byUnderlying.computeIfAbsent(name.substring(0, name.indexOf(' ')),
        u -> new ArrayList<>()).add(series(name.substring(name.indexOf(' ') + 1), points)));
    byUnderlying.forEach((underlying, series) -> charts.add(new Chart(underlying + ": oracle index vs sources",
        "USD", Chart.Style.LINES, series)));
    charts.add(bandsChart());
    charts.add(liquidationsChart());
    List<Series> funds = new ArrayList<>();
    fundSeries.forEach((fund, points) -> funds.add(series(fund.endsWith(" " + USD)
        ? fund.substring(0, fund.length() - USD.length() - 1) : fund + " (in USD)", points)));
    charts.add(new Chart("Insurance fund balance", "USD", Chart.Style.LINES, funds));
    TreeMap<Long, Double> depth = new TreeMap<>();
    cascadeDepth.forEach((t, d) -> depth.put(t, (double) d));
    charts.add(new Chart("Liquidation cascade depth (deepest per bucket)", "levels", Chart.Style.LINES,
        depth.isEmpty() ? List.of() : List.of(series("cascade depth", depth))));
    return charts;
  }

  private Chart bandsChart() {
    long[] times = bands.keySet().stream().mapToLong(Long::longValue).toArray();
    List<Series> series = new ArrayList<>();
    for (int b = 0; b < BAND_NAMES.length; b++) {
      double[] values = new double[times.length];
      int i = 0;
      for (int[] counts : bands.values()) {
        values[i++] = counts[b];
      }
      series.add(new Series("ratio " + BAND_NAMES[b], times, values));
    }
    return new Chart("Accounts by margin ratio (equity / maintenance margin)", "accounts", Chart.Style.STACKED,
        series);
  }

  private Chart liquidationsChart() {
    List<String> modes = liquidationsByMode.values().stream().flatMap(m -> m.keySet().stream()).distinct().sorted()
        .toList();
    long[] times = new long[liquidationsByMode.isEmpty() ? 0
        : (int) ((liquidationsByMode.lastKey() - liquidationsByMode.firstKey()) / bucketMillis + 1)];
    for (int i = 0; i < times.length; i++) {
      times[i] = liquidationsByMode.firstKey() + i * bucketMillis;
    }
    List<Series> series = new ArrayList<>();
    for (String mode : modes) {
      double[] values = new double[times.length];
      for (int i = 0; i < times.length; i++) {
        Map<String, Long> counts = liquidationsByMode.get(times[i]);
        values[i] = counts == null ? 0 : counts.getOrDefault(mode, 0L);
      }
      series.add(new Series(mode, times, values));
    }
    return new Chart("Liquidations started per " + bucketMillis / 60_000 + " min, by margin mode", "liquidations",
        Chart.Style.STACKED, series);
  }

  private static Series series(String name, TreeMap<Long, Double> points) {
    long[] times = points.keySet().stream().mapToLong(Long::longValue).toArray();
    double[] values = points.values().stream().mapToDouble(Double::doubleValue).toArray();
    return new Series(name, times, values);
  }
}
