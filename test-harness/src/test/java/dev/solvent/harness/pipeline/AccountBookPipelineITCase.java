package dev.solvent.harness.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.avro.instruments.Instrument;
import dev.solvent.avro.instruments.InstrumentUpdate;
import dev.solvent.avro.oracle.OraclePrice;
import dev.solvent.avro.vols.MarketVol;
import dev.solvent.avro.vols.VolQuote;
import dev.solvent.harness.run.PipelineRun;
import dev.solvent.avro.instruments.MaintenanceBasis;
import dev.solvent.harness.scenario.RandomScenario;
import dev.solvent.harness.scenario.Scenario;
import dev.solvent.job.account.AccountEvents;
import dev.solvent.job.account.AccountRecords;
import dev.solvent.job.account.RiskSettings;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.job.ingest.SourceRef;
import dev.solvent.job.model.AccountInput;
import dev.solvent.job.model.Instruments;
import dev.solvent.risk.account.UnderlyingConditions;
import dev.solvent.risk.book.AccountBook;
import dev.solvent.risk.book.AccountEvent;
import dev.solvent.risk.book.AccountOutput;
import dev.solvent.risk.book.AccountState;
import dev.solvent.risk.book.PricedInstrument;
import dev.solvent.risk.oracle.Ewma;
import dev.solvent.risk.portfolio.RiskArrayCalculator;
import dev.solvent.risk.portfolio.ScenarioGrid;
import dev.solvent.schema.JsonFormat;
import dev.solvent.schema.Topic;
import dev.solvent.schema.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The account stage is the account book and nothing else: on a seeded scenario of every margin mode, stepping
 * {@link AccountBook} by hand, event by event, at every instant that could change an account (its events, each
 * oracle publication of an instrument it holds, its liquidation deadlines: what the trigger index prunes), against the risk arrays of the pipeline's
 * own oracle prices, gives exactly the pipeline's margin updates, margin calls and liquidation orders, per account,
 * byte for byte (9,109 records). Dynamic margin is off, so the market needs only what the oracle published, the
 * specs, the vols and the realized volatility (for the probability of default), not the books' depth.
 */
class AccountBookPipelineITCase {

  @TempDir
  Path dir;

  @Test
  void steppingTheBookByHandGivesThePipelinesAccountOutputs() throws Exception {
    // And a contract margined at entry (Bybit's convention): the spec's field reaches the account stage.
    Scenario scenario = RandomScenario.generate(11, 300, 240, 0.35, 0.001, s -> {
      s.perpetual(0, "BTC-PERP-E", "BTC", "0.005", 50, "0.001", "0.002", "usd", MaintenanceBasis.ENTRY);
      java.util.Random random = new java.util.Random(5);
      for (int i = 0; i < 40; i++) {
        String id = String.format("entry-%02d", i);
        double leverage = 3 + 35 * random.nextDouble();
        s.open(1_000, id, dev.solvent.avro.account.MarginMode.CROSS, "usd")
            .deposit(1_000, id, "USD", String.format(java.util.Locale.ROOT, "%.2f", 100_000 / leverage))
            .trade(2_000, id, "BTC-PERP-E", i % 4 == 0 ? "-1.000" : "1.000", "100000");
      }
    });
    SolventConfig config = SolventConfig.defaults().with("risk.dynamic-margin", "false")
        .with("checkpoint.interval-ms", "500");
    PipelineRun run = PipelineRun.run(scenario.write(dir.resolve("in")), dir.resolve("out"), config);

    Map<String, Map<String, List<String>>> byHand = stepByHand(scenario, run.records(Topics.ORACLE_PRICES), config);
    long compared = 0;
    for (Topic<?> topic : List.of(Topics.MARGIN_UPDATES, Topics.MARGIN_CALLS, Topics.LIQUIDATION_ORDERS)) {
      @SuppressWarnings("unchecked")
      Topic<SpecificRecord> t = (Topic<SpecificRecord>) topic;
      Map<String, List<String>> pipeline = PipelineRun.canonical(t, run.records(t));
      assertThat(pipeline).as(topic.name()).isNotEmpty();
      Map<String, List<String>> stepped = byHand.get(topic.name());
      assertThat(stepped.keySet()).as(topic.name() + " keys").isEqualTo(pipeline.keySet());
      for (String key : pipeline.keySet()) {
        assertThat(firstDifference(stepped.get(key), pipeline.get(key))).as(topic.name() + " of " + key).isEmpty();
      }
      compared += pipeline.values().stream().mapToLong(List::size).sum();
    }
    // Margined at entry, the Bybit contract's 1 BTC at 100,000 needs 500 whatever BTC does through the crash.
    List<dev.solvent.avro.margin.MarginUpdate> entry = run.records(Topics.MARGIN_UPDATES).stream()
        .filter(u -> u.getAccountId().startsWith("entry-")).toList();
    assertThat(entry).hasSizeGreaterThan(40);
    assertThat(entry).allSatisfy(u -> assertThat(u.getMaintenanceMargin()).isEqualByComparingTo("500"));
    assertThat(entry.stream().map(u -> u.getStatus())).contains(dev.solvent.avro.margin.MarginStatus.LIQUIDATABLE);
    System.out.printf("account book by hand = pipeline: %,d records of margin.updates, margin.calls and "
        + "liquidation.orders%n", compared);
  }

  /** Where two record sequences first differ, both sides; empty when they are equal. */
  private static String firstDifference(List<String> byHand, List<String> pipeline) {
    for (int i = 0; i < Math.max(byHand.size(), pipeline.size()); i++) {
      String a = i < byHand.size() ? byHand.get(i) : "(none)";
      String b = i < pipeline.size() ? pipeline.get(i) : "(none)";
      if (!a.equals(b)) {
        return "record " + i + ": by hand " + a + "\n  pipeline " + b;
      }
    }
    return "";
  }

  /** The account book stepped at every instant the pipeline values an account, its outputs as topic records. */
  private static Map<String, Map<String, List<String>>> stepByHand(Scenario scenario, List<OraclePrice> prices,
      SolventConfig config) {
    Markets markets = new Markets(scenario, prices, config.get(SolventConfig.DEFAULT_VOL),
        config.get(SolventConfig.REALIZED_VOL_HALF_LIFE));
    AccountBook book = new AccountBook(RiskSettings.parameters(config), RiskSettings.book(config));
    // The account events of each instant, per account, in sequence order, as the validated stream carries them.
    NavigableMap<Long, Map<String, List<AccountInput>>> events = new TreeMap<>();
    for (SpecificRecord r : scenario.records().getOrDefault("account.events", List.of())) {
      var event = (dev.solvent.avro.account.AccountEvent) r;
      if (event.getPayload() instanceof dev.solvent.avro.account.Heartbeat
          || event.getPayload() instanceof dev.solvent.avro.account.Deposit d
          && d.getAccountId().startsWith("fund:")) {
        continue; // heartbeats move time; deposits into a fund go to the fund stage
      }
      AccountInput input = new AccountInput(event, SourceRef.NONE);
      events.computeIfAbsent(event.getEventTime().toEpochMilli(), t -> new TreeMap<>())
          .computeIfAbsent(input.accountId(), a -> new ArrayList<>()).add(input);
    }
    events.values().forEach(m -> m.values().forEach(l -> l.sort(Comparator.comparingLong(
        (AccountInput in) -> in.event().getSequence()))));

    Map<String, AccountState> states = new HashMap<>();
    Map<String, Set<String>> holders = new HashMap<>(); // instrument -> accounts whose ledger holds it
    TreeMap<Long, Set<String>> due = new TreeMap<>();
    events.forEach((time, accounts) -> due.computeIfAbsent(time, t -> new TreeSet<>()).addAll(accounts.keySet()));
    markets.times().forEach(t -> due.computeIfAbsent(t, x -> new TreeSet<>()));
    List<SpecificRecord> updates = new ArrayList<>();
    List<SpecificRecord> calls = new ArrayList<>();
    List<SpecificRecord> orders = new ArrayList<>();
    while (!due.isEmpty()) {
      var next = due.pollFirstEntry();
      long time = next.getKey();
      Set<String> accounts = new TreeSet<>(next.getValue());
      Map<String, List<AccountInput>> now = events.getOrDefault(time, Map.of());
      // Every holder of a revalued instrument is valued (the index skips only those whose outputs cannot change).
      for (String instrument : markets.revaluedAt(time)) {
        accounts.addAll(holders.getOrDefault(instrument, Set.of()));
      }
      for (String account : accounts) {
        List<AccountEvent> coreEvents = now.getOrDefault(account, List.of()).stream()
            .map(in -> AccountEvents.toCore(in.event())).toList();
        AccountState before = states.get(account);
        AccountBook.Step step = book.step(before, coreEvents, markets.at(time), time);
        for (AccountOutput out : step.outputs()) {
          if (out instanceof AccountOutput.MarginUpdated u) {
            updates.add(AccountRecords.marginUpdate(u));
          } else if (out instanceof AccountOutput.MarginCalled c) {
            calls.add(AccountRecords.marginCall(c));
          } else if (out instanceof AccountOutput.LiquidationOrdered o) {
            orders.add(AccountRecords.order(o));
          }
        }
        if (step.state() != null) {
          holders.values().forEach(held -> held.remove(account));
          if (step.state().ledger() != null) {
            step.state().ledger().heldInstruments().forEach(i -> holders.computeIfAbsent(i, x -> new TreeSet<>())
                .add(account));
          }
          states.put(account, step.state());
          var pending = step.state().pending();
          if (pending != null && pending.escalates() && pending.deadline() > time) {
            due.computeIfAbsent(pending.deadline(), t -> new TreeSet<>()).add(account);
          }
        }
      }
    }
    Map<String, Map<String, List<String>>> byTopic = new TreeMap<>();
    byTopic.put("margin.updates", canonical(Topics.MARGIN_UPDATES, updates));
    byTopic.put("margin.calls", canonical(Topics.MARGIN_CALLS, calls));
    byTopic.put("liquidation.orders", canonical(Topics.LIQUIDATION_ORDERS, orders));
    return byTopic;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, List<String>> canonical(Topic<?> topic, List<SpecificRecord> records) {
    return PipelineRun.canonical((Topic<SpecificRecord>) topic, records);
  }

  /**
   * The risk arrays of every oracle publication, as the risk-array stage computes them: at each price, every spec of
   * the underlying at that instant, valued at the oracle's mark with its own implied vol, else the underlying's, else
   * the default; and the underlying's realized volatility (the EWMA of squared mark returns), which the probability
   * of default uses.
   */
  private static final class Markets {
    private final RiskArrayCalculator calculator = new RiskArrayCalculator(ScenarioGrid.DEFAULT);
    /** instrument -> publication time -> its pricing */
    private final Map<String, TreeMap<Long, PricedInstrument>> priced = new HashMap<>();
    private final TreeMap<Long, List<String>> revalued = new TreeMap<>();

    Markets(Scenario scenario, List<OraclePrice> prices, double defaultVol, long volHalfLife) {
      TreeMap<Long, List<Instrument>> specs = new TreeMap<>();
      for (SpecificRecord r : scenario.records().getOrDefault("instruments", List.of())) {
        if (((InstrumentUpdate) r).getPayload() instanceof Instrument spec) {
          specs.computeIfAbsent(((InstrumentUpdate) r).getEventTime().toEpochMilli(), t -> new ArrayList<>()).add(spec);
        }
      }
      TreeMap<Long, List<VolQuote>> vols = new TreeMap<>();
      for (SpecificRecord r : scenario.records().getOrDefault("market.vols", List.of())) {
        if (((MarketVol) r).getPayload() instanceof VolQuote q) {
          vols.computeIfAbsent(((MarketVol) r).getEventTime().toEpochMilli(), t -> new ArrayList<>()).add(q);
        }
      }
      List<OraclePrice> sorted = new ArrayList<>(prices);
      sorted.sort(Comparator.comparing(OraclePrice::getPublishTime));
      Map<String, double[]> memory = new HashMap<>(); // underlying -> {last mark, last time, variance rate}
      for (OraclePrice p : sorted) {
        long t = p.getPublishTime().toEpochMilli();
        double[] last = memory.get(p.getUnderlying());
        double variance = Double.NaN;
        double markNow = p.getMarkPrice().doubleValue();
        if (last != null && t > last[1]) {
          long dt = t - (long) last[1];
          variance = Ewma.update(last[2], Ewma.varianceRate(last[0], markNow, dt), dt, volHalfLife);
        } else if (last != null) {
          variance = last[2];
        }
        memory.put(p.getUnderlying(), new double[] {markNow, t, variance});
        double realizedVol = Double.isNaN(variance) ? Double.NaN : Math.sqrt(variance);
        TreeMap<String, Instrument> known = new TreeMap<>();
        specs.headMap(t, true).values().forEach(l -> l.stream().filter(s -> s.getUnderlying()
            .equals(p.getUnderlying())).forEach(s -> known.put(s.getInstrumentId(), s)));
        Map<String, Double> volOf = new HashMap<>();
        vols.headMap(t, true).values().forEach(l -> l.stream().filter(v -> v.getUnderlying()
            .equals(p.getUnderlying())).forEach(v -> volOf.put(v.getInstrumentId() == null ? "" : v.getInstrumentId(),
            v.getImpliedVol())));
        double mark = p.getMarkPrice().doubleValue();
        for (Instrument spec : known.values()) {
          double vol = volOf.getOrDefault(spec.getInstrumentId(), volOf.getOrDefault("", defaultVol));
          var core = Instruments.toCore(spec);
          priced.computeIfAbsent(spec.getInstrumentId(), i -> new TreeMap<>()).put(t, new PricedInstrument(core,
              spec.getContractSize(), calculator.compute(core, mark, vol, 0, t),
              new UnderlyingConditions(realizedVol, Double.NaN, Double.NaN), p.getStale(),
              p.getSourceTime().toEpochMilli()));
          revalued.computeIfAbsent(t, x -> new ArrayList<>()).add(spec.getInstrumentId());
        }
      }
    }

    Set<Long> times() {
      return revalued.keySet();
    }

    List<String> revaluedAt(long time) {
      return revalued.getOrDefault(time, List.of());
    }

    dev.solvent.risk.book.Market at(long time) {
      return id -> {
        var versions = priced.get(id);
        var latest = versions == null ? null : versions.floorEntry(time);
        return latest == null ? null : latest.getValue();
      };
    }
  }
}
