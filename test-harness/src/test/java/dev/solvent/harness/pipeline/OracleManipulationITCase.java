package dev.solvent.harness.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.avro.account.MarginMode;
import dev.solvent.avro.deadletter.DeadLetter;
import dev.solvent.avro.deadletter.DeadLetterReason;
import dev.solvent.avro.liquidation.LiquidationOrder;
import dev.solvent.avro.oracle.OraclePrice;
import dev.solvent.avro.oracle.SourceStatus;
import dev.solvent.harness.run.PipelineRun;
import dev.solvent.harness.scenario.Scenario;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.schema.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attempts to fool the oracle (issue 18), each with what the engine must do written down first (README "Fooling the
 * oracle"). Three venues a, b, c quote BTC every second at 100,000 unless a scenario says otherwise; vic holds 1
 * BTC-PERP bought at 100,000 with 7,400 (MM 0.5 %): she is liquidated if and only if the mark the engine acts on
 * falls below 93,065.33 (7,400 + p − 100,000 = 0.005 p). Oracle defaults: outlier band 5 %, staleness 10 s, two live
 * sources at least, mark = index.
 */
class OracleManipulationITCase {

  private static final long END = 150_000;

  @TempDir
  Path dir;

  /** Expected: c is an OUTLIER (30 % from the median); the index stays 100,000; vic is not liquidated. */
  @Test
  void oneVenueSpikingThirtyPercentForAMinuteMovesNothing() throws Exception {
    PipelineRun run = run(t -> t >= 30_000 && t < 90_000 ? new String[] {"100000", "100000", "70000"} : null,
        SolventConfig.defaults());
    assertThat(run.records(Topics.LIQUIDATION_ORDERS)).isEmpty();
    List<OraclePrice> during = prices(run, 31_000, 89_000);
    assertThat(during).isNotEmpty().allSatisfy(p -> {
      assertThat(p.getIndexPrice()).isEqualByComparingTo("100000");
      assertThat(status(p, "c")).isEqualTo(SourceStatus.OUTLIER);
    });
  }

  /**
   * Expected: with two of three venues moved together to 90,000 the median is theirs and a is the OUTLIER: the
   * engine cannot tell collusion from a move, and vic is liquidated. The defence is a smoothed mark: with
   * {@code oracle.mark-half-life-ms=60000} a minute at 90,000 takes the mark only half way (95,000), and nobody is
   * liquidated; more independent venues make two of them a minority.
   */
  @Test
  void twoVenuesMovedTogetherMoveTheIndexUnlessTheMarkIsSmoothed() throws Exception {
    Function<Long, String[]> collusion = t -> t >= 30_000 && t < 90_000
        ? new String[] {"100000", "90000", "90000"} : null;
    PipelineRun raw = run(collusion, SolventConfig.defaults());
    assertThat(prices(raw, 31_000, 89_000)).allSatisfy(p -> {
      assertThat(p.getIndexPrice()).isEqualByComparingTo("90000");
      assertThat(status(p, "a")).isEqualTo(SourceStatus.OUTLIER);
    });
    assertThat(first(raw).getAccountId()).isEqualTo("vic");
    assertThat(first(raw).getMarkPrice()).isEqualByComparingTo("90000");

    PipelineRun smoothed = run(collusion, SolventConfig.defaults().with("oracle.mark-half-life-ms", "60000"));
    assertThat(smoothed.records(Topics.LIQUIDATION_ORDERS)).isEmpty();
    assertThat(prices(smoothed, 0, END)).allSatisfy(p -> assertThat(p.getMarkPrice().doubleValue())
        .isGreaterThan(93_065.33));
  }

  /**
   * Expected: every venue silent from 30 s to 90 s (an outage), resuming at 92,000: once the last quotes are older
   * than the staleness limit the oracle's prices are STALE and liquidate nobody; the first fresh price after the gap
   * liquidates vic, at 92,000, not before.
   */
  @Test
  void anOutageThenAGapLiquidatesOnlyOnTheFirstFreshPrice() throws Exception {
    PipelineRun run = run(t -> t >= 30_000 && t < 90_000 ? new String[0]
        : t >= 90_000 ? new String[] {"92000", "92000", "92000"} : null, SolventConfig.defaults());
    assertThat(prices(run, 41_000, 89_000)).allSatisfy(p -> assertThat(p.getStale()).isTrue());
    LiquidationOrder order = first(run);
    assertThat(order.getEventTime()).isAfterOrEqualTo(Scenario.at(90_000));
    assertThat(order.getMarkPrice()).isEqualByComparingTo("92000");
  }

  /** Expected: a thin venue's one-tick flash crash to 60,000 is an OUTLIER for that tick; nobody is liquidated. */
  @Test
  void aOneTickFlashCrashOnAThinVenueMovesNothing() throws Exception {
    PipelineRun run = run(t -> t == 50_000 ? new String[] {"100000", "100000", "60000"} : null,
        SolventConfig.defaults());
    assertThat(run.records(Topics.LIQUIDATION_ORDERS)).isEmpty();
    assertThat(prices(run, 0, END)).allSatisfy(p -> assertThat(p.getIndexPrice()).isEqualByComparingTo("100000"));
  }

  /**
   * Expected, a source whose clock runs 5 minutes behind: its quotes are older than the partition's time allows
   * ({@code input.max-out-of-orderness-ms}) and go to dead.letters as LATE; the oracle goes on with a and b, and a
   * real fall to 92,000 at 60 s liquidates vic.
   */
  @Test
  void aSourceWithItsClockBehindIsDeadLetteredAndTheOthersCarryOn() throws Exception {
    PipelineRun run = run(t -> t >= 60_000 ? new String[] {"92000", "92000", "92000"} : null,
        SolventConfig.defaults(), -300_000);
    assertThat(late(run)).isPositive();
    assertThat(prices(run, 10_000, 59_000)).allSatisfy(p -> assertThat(p.getStale()).isFalse());
    assertThat(first(run).getMarkPrice()).isEqualByComparingTo("92000");
    assertThat(first(run).getEventTime()).isAfterOrEqualTo(Scenario.at(60_000));
  }

  /**
   * Expected, a source whose clock runs 5 minutes ahead: with the default {@code input.max-future-ms} (a day) its
   * quotes are accepted and drag the partition's time ahead, so the other venues' quotes arrive LATE and are
   * dead-lettered; with one live source the oracle is STALE and liquidates nobody, even through the real fall (safe,
   * but blind). With {@code input.max-future-ms=5000} the skewed source is the one dead-lettered, and the fall
   * liquidates vic as it should.
   */
  @Test
  void aSourceWithItsClockAheadIsContainedByTheFutureLimit() throws Exception {
    Function<Long, String[]> fall = t -> t >= 60_000 ? new String[] {"92000", "92000", "92000"} : null;
    PipelineRun permissive = run(fall, SolventConfig.defaults(), 300_000);
    assertThat(late(permissive)).as("a and b's quotes").isPositive();
    assertThat(permissive.records(Topics.LIQUIDATION_ORDERS)).isEmpty();

    PipelineRun guarded = run(fall, SolventConfig.defaults().with("input.max-future-ms", "5000"), 300_000);
    assertThat(late(guarded)).as("c's quotes").isPositive();
    assertThat(first(guarded).getMarkPrice()).isEqualByComparingTo("92000");
  }

  // The scenario ------------------------------------------------------------------------------------------------------

  private PipelineRun run(Function<Long, String[]> prices, SolventConfig config) throws Exception {
    return run(prices, config, 0);
  }

  /**
   * @param prices per second, the prices of a, b, c (an empty array: nobody quotes; null: 100,000 each)
   * @param skewOfC how far c's clock is off: its quotes carry their time plus this, and arrive when the others do
   */
  private PipelineRun run(Function<Long, String[]> prices, SolventConfig config, long skewOfC) throws Exception {
    Scenario s = new Scenario()
        .perpetual(0, "BTC-PERP", "BTC", "0.005", 100, "0.001", "0.002", "usd")
        .deposit(0, "fund:usd", "USD", "1000")
        .open(0, "vic", MarginMode.CROSS, "usd").deposit(0, "vic", "USD", "7400")
        .trade(1_000, "vic", "BTC-PERP", "1", "100000");
    String[] sources = {"a", "b", "c"};
    for (long t = 0; t <= END; t += 1_000) {
      String[] at = prices.apply(t);
      at = at == null ? new String[] {"100000", "100000", "100000"} : at;
      for (int i = 0; i < at.length; i++) {
        s.quote(i == 2 ? t + skewOfC : t, "BTC", sources[i], at[i]);
      }
    }
    Path out = dir.resolve("run-" + System.nanoTime());
    return PipelineRun.run(s.write(out.resolve("in")), out.resolve("out"),
        config.with("risk.dynamic-margin", "false").with("job.parallelism", "2"));
  }

  /** The first liquidation order (nobody fills it here, so it is re-planned after liquidation.timeout-ms). */
  private static LiquidationOrder first(PipelineRun run) {
    return run.records(Topics.LIQUIDATION_ORDERS).stream()
        .min(java.util.Comparator.comparing(LiquidationOrder::getEventTime)).orElseThrow();
  }

  private static List<OraclePrice> prices(PipelineRun run, long from, long to) {
    return run.records(Topics.ORACLE_PRICES).stream()
        .filter(p -> !p.getPublishTime().isBefore(Scenario.at(from)) && !p.getPublishTime().isAfter(Scenario.at(to)))
        .toList();
  }

  private static SourceStatus status(OraclePrice price, String source) {
    return price.getSources().stream().filter(o -> o.getSource().equals(source)).findFirst().orElseThrow()
        .getStatus();
  }

  private static long late(PipelineRun run) {
    return run.records(Topics.DEAD_LETTERS).stream().map(DeadLetter::getReason)
        .filter(DeadLetterReason.LATE::equals).count();
  }
}
