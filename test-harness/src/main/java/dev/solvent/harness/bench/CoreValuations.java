package dev.solvent.harness.bench;

import dev.solvent.avro.instruments.Instrument;
import dev.solvent.avro.instruments.InstrumentUpdate;
import dev.solvent.harness.scenario.Scenario;
import dev.solvent.job.account.AccountEvents;
import dev.solvent.job.account.RiskSettings;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.job.model.Instruments;
import dev.solvent.risk.account.UnderlyingConditions;
import dev.solvent.risk.book.AccountBook;
import dev.solvent.risk.book.AccountEvent;
import dev.solvent.risk.book.AccountState;
import dev.solvent.risk.book.Market;
import dev.solvent.risk.book.PricedInstrument;
import dev.solvent.risk.portfolio.RiskArrayCalculator;
import dev.solvent.risk.portfolio.ScenarioGrid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * The risk core alone in a tight loop, on a generated population: every account's book stepped at one new market
 * after another (a full valuation and its decisions each, no Flink, no state, no encoding). The reference the
 * pipeline's all-in cost per valuation is compared with.
 */
final class CoreValuations {

  private CoreValuations() {}

  /** Valuations per second over {@code markets} full revaluations of the population, after a warm-up. */
  static double perSecond(Scenario scenario, SolventConfig config, int markets) {
    AccountBook book = new AccountBook(RiskSettings.parameters(config), RiskSettings.book(config));
    List<dev.solvent.risk.instrument.Instrument> specs = new ArrayList<>();
    Map<String, Instrument> avro = new HashMap<>();
    for (SpecificRecord r : scenario.records().get("instruments")) {
      if (!(((InstrumentUpdate) r).getPayload() instanceof Instrument spec)) {
        continue; // a heartbeat
      }
      avro.put(spec.getInstrumentId(), spec);
      specs.add(Instruments.toCore(spec));
    }
    Map<String, List<AccountEvent>> opening = new TreeMap<>();
    for (SpecificRecord r : scenario.records().get("account.events")) {
      var event = (dev.solvent.avro.account.AccountEvent) r;
      if (event.getPayload() instanceof dev.solvent.avro.account.Heartbeat) {
        continue;
      }
      AccountEvent core = AccountEvents.toCore(event, book.settings().cashAsset());
      if (!core.accountId().startsWith("fund:")) {
        opening.computeIfAbsent(core.accountId(), a -> new ArrayList<>()).add(core);
      }
    }
    Random random = new Random(1);
    Market start = market(specs, avro, 100_000, 4_000, Scenario.T0 + 2_000);
    List<AccountState> states = new ArrayList<>();
    for (List<AccountEvent> events : opening.values()) {
      states.add(book.step(null, events, start, Scenario.T0 + 2_000).state());
    }
    double btc = 100_000;
    double eth = 4_000;
    long valuations = 0;
    long began = 0;
    int warmUp = Math.max(1, markets / 5);
    for (int m = 0; m < warmUp + markets; m++) {
      if (m == warmUp) {
        began = System.nanoTime();
        valuations = 0;
      }
      btc *= 1 + 0.001 * random.nextGaussian();
      eth *= 1 + 0.001 * random.nextGaussian();
      long time = Scenario.T0 + 3_000 + m * 1_000L;
      Market market = market(specs, avro, btc, eth, time);
      for (int i = 0; i < states.size(); i++) {
        AccountBook.Step step = book.step(states.get(i), List.of(), market, time);
        states.set(i, step.state());
        valuations++;
      }
    }
    return valuations / ((System.nanoTime() - began) / 1e9);
  }

  private static Market market(List<dev.solvent.risk.instrument.Instrument> specs, Map<String, Instrument> avro,
      double btc, double eth, long time) {
    RiskArrayCalculator calculator = new RiskArrayCalculator(ScenarioGrid.DEFAULT);
    Map<String, PricedInstrument> priced = new HashMap<>();
    UnderlyingConditions conditions = new UnderlyingConditions(0.5, Double.NaN, Double.NaN);
    for (dev.solvent.risk.instrument.Instrument spec : specs) {
      double spot = switch (spec.underlying()) {
        case "BTC" -> btc;
        case "ETH" -> eth;
        default -> 1;
      };
      priced.put(spec.id(), new PricedInstrument(spec, avro.get(spec.id()).getContractSize(),
          calculator.compute(spec, spot, 0.6, 0, time), conditions, false, time - 300));
    }
    return priced::get;
  }
}
