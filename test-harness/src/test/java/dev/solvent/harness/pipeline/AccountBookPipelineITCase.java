package dev.solvent.harness.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.avro.instruments.MaintenanceBasis;
import dev.solvent.avro.oracle.OraclePrice;
import dev.solvent.harness.explain.AccountRebuild;
import dev.solvent.harness.loop.LoopRecord;
import dev.solvent.harness.run.PipelineRun;
import dev.solvent.harness.scenario.RandomScenario;
import dev.solvent.harness.scenario.Scenario;
import dev.solvent.job.account.AccountRecords;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.risk.book.AccountBook;
import dev.solvent.schema.Topic;
import dev.solvent.schema.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  /**
   * The account book stepped at every instant the pipeline values an account ({@link AccountRebuild}, what
   * {@code explain --account} uses), its outputs as topic records.
   */
  private static Map<String, Map<String, List<String>>> stepByHand(Scenario scenario, List<OraclePrice> prices,
      SolventConfig config) {
    List<LoopRecord> records = new ArrayList<>();
    scenario.records().forEach((topic, list) -> list.forEach(r -> records.add(new LoopRecord(topic, 0, r))));
    prices.forEach(p -> records.add(new LoopRecord(Topics.ORACLE_PRICES.name(), 0, p)));
    Set<String> accounts = new TreeSet<>();
    for (SpecificRecord r : scenario.records().getOrDefault("account.events", List.of())) {
      Topics.accountIdOf(((dev.solvent.avro.account.AccountEvent) r).getPayload())
          .filter(a -> !a.startsWith("fund:")).ifPresent(accounts::add); // a fund's deposits go to the fund stage
    }
    Map<String, List<SpecificRecord>> outputs = new TreeMap<>();
    for (String account : accounts) {
      for (AccountRebuild.Stepped step : AccountRebuild.of(account, records, config).steps(Long.MAX_VALUE)) {
        step.outputs().forEach(out -> AccountRecords.topicRecord(out).ifPresent(r -> outputs.computeIfAbsent(
            r.topic().name(), t -> new ArrayList<>()).add(r.record())));
      }
    }
    Map<String, Map<String, List<String>>> byTopic = new TreeMap<>();
    for (Topic<?> topic : List.of(Topics.MARGIN_UPDATES, Topics.MARGIN_CALLS, Topics.LIQUIDATION_ORDERS)) {
      byTopic.put(topic.name(), canonical(topic, outputs.getOrDefault(topic.name(), List.of())));
    }
    return byTopic;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, List<String>> canonical(Topic<?> topic, List<SpecificRecord> records) {
    return PipelineRun.canonical((Topic<SpecificRecord>) topic, records);
  }
}
