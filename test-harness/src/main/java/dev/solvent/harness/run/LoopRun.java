package dev.solvent.harness.run;

import dev.solvent.harness.backstop.BackstopProviders;
import dev.solvent.harness.crash.CrashScenario;
import dev.solvent.harness.liquidators.LiquidatorPool;
import dev.solvent.harness.loop.ClosedLoop;
import dev.solvent.harness.loop.Participant;
import dev.solvent.harness.loop.Progress;
import dev.solvent.harness.loop.TopicRecorder;
import dev.solvent.harness.report.InvariantChecker;
import dev.solvent.harness.report.RunStats;
import dev.solvent.harness.venue.VenueSimulator;
import dev.solvent.harness.venue.VenueStats;
import dev.solvent.job.config.SolventConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;

/**
 * Runs a {@link RunSpec} through the production job graph on the embedded cluster (RocksDB, checkpoints) in a
 * {@link ClosedLoop} with the venue, the liquidators, the topic recorder, the statistics and the invariant checker.
 */
public final class LoopRun {

  /** Fine steps while liquidations are under way keep fills within two seconds of their orders. */
  static final long FINE_STEP_MILLIS = 2_000;
  static final long COARSE_STEP_MILLIS = 15_000;
  static final long HOLD_MILLIS = 30_000;

  private LoopRun() {}

  public static RunResult run(RunSpec spec, Progress progress) throws Exception {
    VenueSimulator venue = new VenueSimulator(spec.venue());
    LiquidatorPool pool = new LiquidatorPool(spec.liquidators(), spec.gas().get());
    RunStats stats = new RunStats(spec.feed().start(), spec.feed().end());
    InvariantChecker checker = new InvariantChecker();
    TopicRecorder recorder = new TopicRecorder(topics(spec.output()));
    Configuration flink = PipelineRun.embedded();
    // Lock-step: each step waits for the outputs, so records must not wait for full network buffers. Flushed per
    // record (0), not by a timer: a timer is one thread per network output waking every interval, and at 1 ms those
    // threads alone kept 2 cores busy at parallelism 4 (README "Performance").
    flink.setString("execution.buffer-timeout.interval", "0 ms");
    // The bus's writers are not transactional: a restart would repeat outputs, so a failure ends the run with its
    // cause (exactly-once under restarts is the Kafka path's job, tested in KafkaExactlyOnceITCase).
    flink.setString("restart-strategy.type", "none");
    SolventConfig config = spec.config()
        .with("checkpoint.dir", spec.output().resolve("checkpoints").toAbsolutePath().toUri().toString());
    writeConfiguration(config, spec.output().resolve(JOB_PROPERTIES));
    long began = System.nanoTime();
    List<Participant> participants = new ArrayList<>(List.of(venue, pool, recorder, stats, checker));
    if (config.get(SolventConfig.RISK_AUCTION)) {
      participants.add(2, new BackstopProviders(OtherSide.backstops(), firstFund(spec.feed())));
    }
    new ClosedLoop(config, flink, participants,
        ClosedLoop.adaptive(FINE_STEP_MILLIS, COARSE_STEP_MILLIS, HOLD_MILLIS), progress)
        .run(spec.feed().records().iterator(), spec.feed().start(), spec.feed().end());
    double seconds = (System.nanoTime() - began) / 1e9;
    VenueStats venueStats = venue.stats();
    venueStats.cascade().forEach(p -> stats.cascade(p.time(), p.depth()));
    return new RunResult(spec, stats, venueStats, pool.stats(), pool.settled(), checker.violations(),
        checker.checkedAccounts(), seconds);
  }

  /** The fund the feed's first account opens with: the backstop providers' accounts belong to it too. */
  static String firstFund(dev.solvent.harness.loop.Feed feed) {
    return feed.records().stream()
        .filter(r -> r.record() instanceof dev.solvent.avro.account.AccountEvent e
            && e.getPayload() instanceof dev.solvent.avro.account.AccountOpened)
        .map(r -> ((dev.solvent.avro.account.AccountOpened) ((dev.solvent.avro.account.AccountEvent) r.record())
            .getPayload()).getFundId())
        .findFirst().orElse(CrashScenario.FUND);
  }

  /** The effective job configuration of a run, beside its topics (what {@code explain --account} rebuilds with). */
  public static final String JOB_PROPERTIES = "job.properties";

  /** Every key with its effective value, sorted: the run's configuration as a file {@code --config} reads. */
  static void writeConfiguration(SolventConfig config, Path file) throws java.io.IOException {
    StringBuilder text = new StringBuilder("# the job configuration of this run (every key, effective values)\n");
    SolventConfig.keys().stream().sorted(java.util.Comparator.comparing(k -> k.name())).forEach(k -> text
        .append(k.name()).append('=').append(config.overrides().getOrDefault(k.name(), k.defaultValue()))
        .append('\n'));
    java.nio.file.Files.createDirectories(file.getParent());
    java.nio.file.Files.writeString(file, text);
  }

  public static Path topics(Path output) {
    return output.resolve("topics");
  }
}
