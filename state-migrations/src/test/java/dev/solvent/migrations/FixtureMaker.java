package dev.solvent.migrations;

import dev.solvent.avro.account.AccountEvent;
import dev.solvent.avro.account.LiquidationFill;
import dev.solvent.avro.auction.AuctionEvent;
import dev.solvent.avro.auction.AuctionEventKind;
import dev.solvent.avro.liquidation.LiquidationOrder;
import dev.solvent.harness.crash.CrashScenario;
import dev.solvent.harness.history.TopicFiles;
import dev.solvent.harness.kafka.TopicDump;
import dev.solvent.harness.kafka.TopicIO;
import dev.solvent.harness.kafka.TopicLoader;
import dev.solvent.harness.loop.Feed;
import dev.solvent.harness.loop.LoopRecord;
import dev.solvent.harness.loop.Progress;
import dev.solvent.harness.loop.TopicRecorder;
import dev.solvent.harness.run.LoopRun;
import dev.solvent.harness.run.OtherSide;
import dev.solvent.harness.run.RunSpec;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.schema.Topics;
import dev.solvent.schema.WireFormat;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;

/**
 * Makes the savepoint fixture of the version checked out ({@code state-migrations/make-fixture VERSION}): the crash's
 * first 2 h 52 min with 300 accounts of every margin mode, run once in the closed loop so the account log holds the
 * venue's fills and the auction bids the liquidators' answers; those input topics loaded into a broker as
 * {@code load-topics} does and dumped byte for byte; then the production Kafka job runs on their first half (event
 * time up to 11:26, mid-cascade) and stops with a canonical savepoint. The fixture must hold what a restore has to
 * carry over (pending liquidations, running auctions, a fund with entries, buffered inputs): this fails otherwise.
 */
public final class FixtureMaker {

  static final CrashScenario.Settings SCENARIO = new CrashScenario.Settings(300, 20_200_312L, new BigDecimal("10000"));
  static final long END = CrashScenario.START + 172 * 60_000L;
  static final int PARTITIONS = 2;
  static final int PARALLELISM = 2;
  /** The job's configuration: the demo's oracle (CLI "demo") at the production input rules; 1 s checkpoints. */
  static final Map<String, String> CONFIG = new TreeMap<>(Map.of("oracle.deviation-threshold", "0.004",
      "oracle.heartbeat-ms", "300000", "job.parallelism", Integer.toString(PARALLELISM),
      "checkpoint.interval-ms", "1000"));

  private FixtureMaker() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: FixtureMaker VERSION DIRECTORY COMMIT");
      System.exit(2);
    }
    make(args[0], Path.of(args[1]), args[2]);
  }

  static void make(String version, Path directory, String commit) throws Exception {
    if (Files.exists(directory.resolve(SavepointFixture.MANIFEST))) {
      throw new IllegalArgumentException(directory + " already holds a fixture: a released fixture never changes");
    }
    Files.createDirectories(directory);
    Path work = Files.createTempDirectory("solvent-fixture-");
    Feed inputs = closedLoopInputs(work.resolve("loop"));
    long cut = CrashScenario.START + (END - CrashScenario.START) / 2 / 60_000 * 60_000;

    List<TopicDump.Entry> dump;
    try (Broker broker = Broker.start(PARTITIONS)) {
      TopicLoader.load(broker.bootstrap(), inputs, PARTITIONS, System.out);
      dump = TopicDump.read(broker.bootstrap(), TopicIO.inputNames());
    }
    TopicDump.write(directory.resolve(SavepointFixture.INPUTS), dump);
    Map<TopicPartition, Long> cutOffsets = cutOffsets(dump, cut);

    SolventConfig config = SolventConfig.defaults();
    for (var e : CONFIG.entrySet()) {
      config = config.with(e.getKey(), e.getValue());
    }
    long watermark = cut - config.get(SolventConfig.MAX_OUT_OF_ORDERNESS) - 1;
    Map<String, String> facts = new LinkedHashMap<>();
    try (Broker broker = Broker.start(PARTITIONS)) {
      TopicDump.load(broker.bootstrap(), dump, e -> e.timestamp() <= cut);
      String savepoint = new KafkaJob(config, broker.bootstrap(), "fixture", work)
          .runAndStop(null, cutOffsets, work.resolve("savepoints"), false);
      copy(Path.of(java.net.URI.create(savepoint.startsWith("file:") ? savepoint : "file://" + savepoint)),
          directory.resolve(SavepointFixture.SAVEPOINT));
      facts.putAll(stateAtCut(broker.bootstrap(), dump, watermark));
    }
    facts.put("made.from-commit", commit);
    facts.put("made.command", "state-migrations/make-fixture " + version);
    facts.put("made.at", Instant.now().toString());
    facts.put("scenario", "crash (CrashScenario) seed " + SCENARIO.seed() + ", " + SCENARIO.accounts()
        + " accounts, fund " + SCENARIO.fundSeed() + " USD, " + Instant.ofEpochMilli(CrashScenario.START) + " to "
        + Instant.ofEpochMilli(END) + ", closed loop (venue fills, liquidator bids) recorded, loaded as load-topics does");
    facts.put("cut.at", Instant.ofEpochMilli(cut).toString());
    new SavepointFixture(directory, version, PARTITIONS, PARALLELISM, cut, watermark, CONFIG, facts).write();
    System.out.println("fixture " + version + " in " + directory + ": " + facts);
  }

  /** The crash through the closed loop to END: its input topics as the job read them (the feed, fills, bids). */
  private static Feed closedLoopInputs(Path output) throws Exception {
    Feed crash = CrashScenario.generate(SCENARIO);
    Feed trimmed = new Feed(crash.records().stream().filter(r -> r.time() <= END).toList(), crash.start(), END,
        crash.description());
    SolventConfig loop = SolventConfig.defaults().with("input.max-out-of-orderness-ms", "0")
        .with("job.parallelism", "2").with("metrics.port", "off");
    for (var e : CONFIG.entrySet()) {
      if (e.getKey().startsWith("oracle.")) {
        loop = loop.with(e.getKey(), e.getValue());
      }
    }
    LoopRun.run(new RunSpec("fixture", trimmed, loop, OtherSide.venue(true), OtherSide.liquidators(SCENARIO.seed(), 8),
        OtherSide::gas, output), Progress.silent());
    List<LoopRecord> records = new ArrayList<>();
    for (String topic : TopicIO.inputNames()) {
      Path file = TopicRecorder.file(LoopRun.topics(output), topic);
      if (Files.exists(file)) {
        TopicFiles.read(file, topic).stream().filter(r -> r.time() <= END).forEach(records::add);
      }
    }
    return new Feed(records, crash.start(), END, crash.description() + ", closed loop to " + Instant.ofEpochMilli(END));
  }

  /** Per partition, the offset after the last record at or before {@code cut}: the dump's records are in time order. */
  static Map<TopicPartition, Long> cutOffsets(List<TopicDump.Entry> dump, long cut) {
    Map<TopicPartition, Long> offsets = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::topic)
        .thenComparingInt(TopicPartition::partition));
    for (TopicDump.Entry e : dump) {
      long before = offsets.getOrDefault(e.topicPartition(), 0L);
      if (e.timestamp() <= cut) {
        if (before != e.offset()) {
          throw new IllegalStateException(e.topicPartition() + " has a record after the cut before one at it");
        }
        offsets.put(e.topicPartition(), e.offset() + 1);
      } else {
        offsets.putIfAbsent(e.topicPartition(), before);
      }
    }
    return offsets;
  }

  /**
   * What the job's state holds at the watermark, read off what it committed before the savepoint and the account
   * log: liquidations whose orders are not yet filled, auctions running, the fund's ledger entries.
   */
  private static Map<String, String> stateAtCut(String bootstrap, List<TopicDump.Entry> dump, long watermark)
      throws Exception {
    Map<String, BigDecimal> unfilled = new HashMap<>();
    Map<String, String> orderAccount = new HashMap<>();
    for (LiquidationOrder o : TopicIO.readCommitted(bootstrap, Topics.LIQUIDATION_ORDERS)) {
      unfilled.put(o.getOrderId(), o.getQuantity());
      orderAccount.put(o.getOrderId(), o.getAccountId());
    }
    WireFormat<AccountEvent> events = WireFormat.of(Topics.ACCOUNT_EVENTS);
    for (TopicDump.Entry e : dump) {
      if (e.topic().equals(Topics.ACCOUNT_EVENTS.name()) && e.timestamp() <= watermark
          && events.decode(e.value()).getPayload() instanceof LiquidationFill f && unfilled.containsKey(f.getOrderId())) {
        unfilled.merge(f.getOrderId(), f.getQuantity().abs().negate(), BigDecimal::add);
      }
    }
    long pending = unfilled.entrySet().stream().filter(e -> e.getValue().signum() > 0)
        .map(e -> orderAccount.get(e.getKey())).distinct().count();
    Map<String, AuctionEventKind> lastAuctionEvent = new TreeMap<>();
    for (AuctionEvent a : TopicIO.readCommitted(bootstrap, Topics.AUCTION_EVENTS)) {
      lastAuctionEvent.put(a.getAccountId(), a.getKind());
    }
    long running = lastAuctionEvent.values().stream().filter(k -> k == AuctionEventKind.STARTED
        || k == AuctionEventKind.PRICE_STEP || k == AuctionEventKind.RESET).count();
    long ledger = TopicIO.readCommitted(bootstrap, Topics.INSURANCE_LEDGER).size();
    long updates = TopicIO.readCommitted(bootstrap, Topics.MARGIN_UPDATES).size();
    if (pending == 0 || running == 0 || ledger < 2) {
      throw new IllegalStateException("the cut holds too little state for a fixture: " + pending
          + " accounts with unfilled liquidation orders, " + running + " running auctions, " + ledger
          + " ledger entries");
    }
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("state.accounts-with-unfilled-liquidation-orders", Long.toString(pending));
    facts.put("state.running-auctions", Long.toString(running));
    facts.put("state.ledger-entries", Long.toString(ledger));
    facts.put("state.margin-updates-before-cut", Long.toString(updates));
    return facts;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }
}
