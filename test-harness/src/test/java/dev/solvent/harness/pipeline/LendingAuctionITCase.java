package dev.solvent.harness.pipeline;

import static dev.solvent.harness.scenario.Scenario.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.solvent.avro.account.MarginMode;
import dev.solvent.avro.auction.AuctionEvent;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.harness.run.PipelineRun;
import dev.solvent.harness.scenario.Scenario;
import dev.solvent.schema.Topics;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lending with a Dutch auction, end to end on a MiniCluster. ETH collateral (LT 82.5%, bonus 5%, protocol fee 10%),
 * USDC loans; auctions start 5% above the oracle and cut 1% every 5 s (defaults).
 *
 * <pre>
 * t=1s    borrower deposits 5 ETH (oracle 2,400) and borrows 9,000 USDC: HF = 5 × 2,400 × 0.825 / 9,000 = 1.1.
 * t=10s   ETH falls to 2,000 (published at 11s): HF = 8,250 / 9,000 = 0.9167 < 1.
 * t=11s   STARTED: top = 2,000 × 1.05 = 2,100 USDC/ETH; HF ≤ 0.95, so the whole 9,000 may be repaid; 5 ETH offered.
 * steps   16s 2,079.00 | 21s 2,058.21 | 26s 2,037.63 | 31s 2,017.25 | 36s 1,997.08 | 41s 1,977.11 (2,100 × 0.99^n)
 * t=37s   "slow" bids 1,990 < 1,997.08: not accepted.
 * t=42s   "fast" bids 1,980 ≥ 1,977.11 for 4,000 USDC: SETTLED at 1,977.11: seized 4,000 / 1,977.11 = 2.02315 ETH;
 *         at the oracle 4,000 USDC is 2 ETH, so the discount gives 0.02315 ETH, of which the protocol keeps 10%.
 * t=43s   "slow" bids again: the auction is settled, the bid lost the race (no output).
 * </pre>
 */
class LendingAuctionITCase {

  @TempDir
  static Path dir;
  static PipelineRun run;

  @BeforeAll
  static void runScenario() throws Exception {
    Scenario s = new Scenario()
        .collateral(0, "ETH", "0.825", "0.05", "0.1")
        .loan(0, "USDC")
        .open(0, "borrower", MarginMode.LENDING, "none")
        .deposit(1_000, "borrower", "ETH", "5")
        .borrow(1_000, "borrower", "USDC", "9000")
        .bid(37_000, "borrower", "borrower/1", "slow", "1990", "4000")
        .bid(42_000, "borrower", "borrower/1", "fast", "1980", "4000")
        .bid(43_000, "borrower", "borrower/1", "slow", "1990", "4000");
    for (long t = 0; t <= 50_000; t += 1_000) {
      s.quotes(t, "ETH", t < 10_000 ? "2400" : "2000", "a", "b", "c");
      s.quotes(t, "USDC", "1", "a", "b", "c");
    }
    run = PipelineRun.run(s.write(dir.resolve("in")), dir.resolve("out"),
        SolventConfig.defaults().with("job.parallelism", "2"));
  }

  @Test
  void auctionStartsStepsAndSettlesWithTheFirstAcceptableBid() {
    List<AuctionEvent> events = run.records(Topics.AUCTION_EVENTS);
    assertThat(events).extracting(e -> e.getKind().name()).containsExactly("STARTED", "PRICE_STEP", "PRICE_STEP",
        "PRICE_STEP", "PRICE_STEP", "PRICE_STEP", "PRICE_STEP", "SETTLED");
    AuctionEvent started = events.get(0);
    assertThat(started.getEventTime()).isEqualTo(Scenario.at(11_000));
    assertThat(started.getAuctionPrice()).isEqualTo(d("2100"));
    assertThat(started.getDebtToCover()).isEqualTo(d("9000"));
    assertThat(started.getCollateralOffered()).isEqualTo(d("5"));
    assertThat(started.getHealthFactor()).isCloseTo(8_250.0 / 9_000, within(1e-12));
    assertThat(events.get(6).getEventTime()).isEqualTo(Scenario.at(41_000));
    assertThat(events.get(6).getAuctionPrice().doubleValue()).isCloseTo(2_100 * Math.pow(0.99, 6), within(1e-8));

    AuctionEvent settled = events.get(7);
    double price = 2_100 * Math.pow(0.99, 6);
    double seized = 4_000 / price;
    assertThat(settled.getEventTime()).isEqualTo(Scenario.at(42_000));
    assertThat(settled.getLiquidator()).isEqualTo("fast");
    assertThat(settled.getDebtRepaid()).isEqualTo(d("4000"));
    assertThat(settled.getCollateralSeized().doubleValue()).isCloseTo(seized, within(1e-8));
    assertThat(settled.getProtocolFee().doubleValue()).isCloseTo((seized - 2.0) * 0.1, within(1e-8));
    assertThat(run.records(Topics.DEAD_LETTERS)).isEmpty();
  }

  @Test
  void healthFactorIsPublishedAsTheMarginRatio() {
    var updates = run.records(Topics.MARGIN_UPDATES);
    assertThat(updates.get(0).getMarginRatio()).isCloseTo(1.1, within(1e-12));
    assertThat(updates).anySatisfy(u -> {
      assertThat(u.getStatus().name()).isEqualTo("LIQUIDATABLE");
      assertThat(u.getMarginRatio()).isCloseTo(8_250.0 / 9_000, within(1e-12));
    });
  }
}
