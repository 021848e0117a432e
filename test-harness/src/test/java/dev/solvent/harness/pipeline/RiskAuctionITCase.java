package dev.solvent.harness.pipeline;

import static dev.solvent.harness.scenario.Scenario.d;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.avro.account.MarginMode;
import dev.solvent.avro.awards.RiskAuctionOutcome;
import dev.solvent.avro.awards.RiskAuctionResult;
import dev.solvent.avro.deadletter.DeadLetter;
import dev.solvent.avro.liquidation.LiquidationOrder;
import dev.solvent.avro.margin.MarginUpdate;
import dev.solvent.avro.offers.PortfolioOffer;
import dev.solvent.harness.run.PipelineRun;
import dev.solvent.harness.scenario.Scenario;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.schema.Topics;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The risk auction through the job (issue 17), worked by hand. BTC-PERP: MM 0.5 % of notional, IM notional / 100,
 * lot 0.001, penalty 0.2 %; dynamic margin off; auction window 5 s, grace 3 s; registered providers pam, quinn, zed.
 *
 * <pre>
 * t=1s   bob and cara (7,400 each) buy 1 at 100,000: bankrupt at 92,600. pam has 1,000, quinn 5,000, zed 300.
 * t=10s  BTC at 93,000. t=11s bob and cara: equity 400 against MM 465, IM 930: each offered whole, closing at 16s.
 * bids   for bob/1 (equity 400, 1 at 93,000): pam 150 at 12s (after it 1,000 + 400 − 150 = 1,250 ≥ 930: acceptable),
 *        quinn 200 at 13s (5,200: acceptable), zed 350 at 13s (300 + 400 − 350 = 350 < 930: not), mallory 500 at
 *        13s (not registered: a dead letter). Reserve 400 − 465 = −65.
 * t=16s  bob/1 WON by quinn at 200: bob's 1 moves at BP + 200 = 92,800; book by 19s. cara/1: no bid.
 * t=17s  the venue books bob's fill of bob/1/0/BTC-PERP at 92,800 (no penalty: bob keeps 200) and quinn's trade.
 * t=19s  cara's offer expired without a takeover: PARTIAL sell of 0.459 at BP 92,600, penalty 0.002 × 0.459 ×
 *        93,000 = 85.374, as without the auction (AccountBookTest's worked numbers); nobody fills it here, so it is
 *        re-planned 30 s later (liquidation.timeout-ms).
 * </pre>
 *
 * With the auction off both are liquidated at 11s; on, every output topic is the same at parallelism 1, 2 and 4.
 */
class RiskAuctionITCase {

  @TempDir
  static Path dir;
  static PipelineRun auctioned;
  static PipelineRun plain;
  static PipelineRun atOne;
  static PipelineRun atFour;

  @BeforeAll
  static void runBothWays() throws Exception {
    Scenario s = new Scenario()
        .perpetual(0, "BTC-PERP", "BTC", "0.005", 100, "0.001", "0.002", "usd")
        .deposit(0, "fund:usd", "USD", "1000");
    for (String[] a : new String[][] {{"bob", "7400"}, {"cara", "7400"}, {"pam", "1000"}, {"quinn", "5000"},
        {"zed", "300"}, {"mallory", "100000"}}) {
      s.open(0, a[0], MarginMode.CROSS, "usd").deposit(0, a[0], "USD", a[1]);
    }
    s.trade(1_000, "bob", "BTC-PERP", "1", "100000")
        .trade(1_000, "cara", "BTC-PERP", "1", "100000")
        .riskBid(12_000, "pam", "bob/1", "150", "400", "BTC-PERP", "1", "93000")
        .riskBid(13_000, "quinn", "bob/1", "200", "400", "BTC-PERP", "1", "93000")
        .riskBid(13_000, "zed", "bob/1", "350", "400", "BTC-PERP", "1", "93000")
        .riskBid(13_000, "mallory", "bob/1", "500", "400", "BTC-PERP", "1", "93000")
        .liquidationFill(17_000, "bob", "BTC-PERP", "bob/1/0/BTC-PERP", "-1", "92800")
        .trade(17_000, "quinn", "BTC-PERP", "1", "92800");
    for (long t = 0; t <= 29_000; t += 1_000) {
      s.quotes(t, "BTC", t < 10_000 ? "100000" : "93000", "a", "b", "c");
    }
    var in = s.write(dir.resolve("in"));
    SolventConfig config = SolventConfig.defaults().with("risk.dynamic-margin", "false").with("job.parallelism", "2");
    SolventConfig on = config.with("liquidation.risk-auction", "true")
        .with("liquidation.risk-auction.window-ms", "5000").with("liquidation.risk-auction.grace-ms", "3000")
        .with("liquidation.risk-auction.providers", "pam,quinn,zed");
    auctioned = PipelineRun.run(in, dir.resolve("on"), on);
    plain = PipelineRun.run(in, dir.resolve("off"), config);
    atOne = PipelineRun.run(in, dir.resolve("on-p1"), on.with("job.parallelism", "1"));
    atFour = PipelineRun.run(in, dir.resolve("on-p4"), on.with("job.parallelism", "4"));
  }

  @Test
  void theSameAtAnyParallelism() {
    assertThat(atOne.canonical()).isEqualTo(auctioned.canonical());
    assertThat(atFour.canonical()).isEqualTo(auctioned.canonical());
  }

  @Test
  void anAccountUnderMaintenanceIsOfferedWholeFirst() {
    List<PortfolioOffer> offers = auctioned.records(Topics.RISK_OFFERS).stream()
        .sorted(Comparator.comparing(PortfolioOffer::getOfferId)).toList();
    assertThat(offers).extracting(PortfolioOffer::getOfferId).containsExactly("bob/1", "cara/1");
    PortfolioOffer bob = offers.get(0);
    assertThat(bob.getEventTime()).isEqualTo(Scenario.at(11_000));
    assertThat(bob.getClosesAt()).isEqualTo(Scenario.at(16_000));
    assertThat(bob.getEquity()).isEqualTo(d("400"));
    assertThat(bob.getMaintenanceMargin()).isEqualTo(d("465"));
    assertThat(bob.getInitialMargin()).isEqualTo(d("930"));
    assertThat(bob.getPositions()).singleElement().satisfies(p -> {
      assertThat(p.getOrderId()).isEqualTo("bob/1/0/BTC-PERP");
      assertThat(p.getQuantity()).isEqualTo(d("1"));
      assertThat(p.getMarkPrice()).isEqualTo(d("93000"));
      assertThat(p.getBankruptcyPrice()).isEqualTo(d("92600"));
    });
    // Nothing sold while offered; cara after her offer (and, her order never filled here, re-planned 30 s later).
    assertThat(orders(auctioned)).containsExactly(
        "cara/1/1/BTC-PERP PARTIAL SELL 0.45900000 92600.00000000 85.37400000 at 19000",
        "cara/1/2/BTC-PERP REPLAN SELL 0.45900000 92600.00000000 85.37400000 at 49000");
  }

  @Test
  void theBestAcceptableBidWinsAndTheAccountKeepsIt() {
    List<RiskAuctionResult> results = auctioned.records(Topics.RISK_AWARDS).stream()
        .sorted(Comparator.comparing(RiskAuctionResult::getOfferId)).toList();
    assertThat(results).hasSize(2);
    RiskAuctionResult bob = results.get(0);
    assertThat(bob.getOutcome()).isEqualTo(RiskAuctionOutcome.WON);
    assertThat(bob.getProviderId()).isEqualTo("quinn");
    assertThat(bob.getPrice()).isEqualTo(d("200"));
    assertThat(bob.getReservePrice()).isEqualTo(d("-65"));
    assertThat(bob.getBids()).as("pam, quinn, zed (mallory is no provider)").isEqualTo(3);
    assertThat(bob.getAcceptableBids()).as("pam and quinn").isEqualTo(2);
    assertThat(bob.getEventTime()).isEqualTo(Scenario.at(16_000));
    assertThat(bob.getBookBy()).isEqualTo(Scenario.at(19_000));
    assertThat(bob.getPositions()).singleElement().satisfies(p -> {
      assertThat(p.getOrderId()).isEqualTo("bob/1/0/BTC-PERP");
      assertThat(p.getPrice()).isEqualTo(d("92800"));
    });
    RiskAuctionResult cara = results.get(1);
    assertThat(cara.getOutcome()).isEqualTo(RiskAuctionOutcome.NO_ACCEPTABLE_BID);
    assertThat(cara.getBids()).isZero();
    assertThat(cara.getProviderId()).isNull();
    assertThat(cara.getPositions()).isEmpty();

    MarginUpdate bobAfter = last(auctioned, "bob");
    assertThat(bobAfter.getEquity()).as("bob keeps the price").isEqualTo(d("200"));
    MarginUpdate quinnAfter = last(auctioned, "quinn");
    assertThat(quinnAfter.getEquity()).as("5,000 + 400 − 200 at 93,000").isEqualTo(d("5200"));
    assertThat(auctioned.records(Topics.INSURANCE_LEDGER)).as("no penalty, no deficit: only the seed and cara's")
        .extracting(e -> e.getKind() + " " + e.getAccountId()).doesNotContain("PENALTY_INCOME bob",
            "DEFICIT_PAYOUT bob");
    List<DeadLetter> letters = auctioned.records(Topics.DEAD_LETTERS);
    assertThat(letters).singleElement().satisfies(l -> {
      assertThat(l.getSourceTopic()).isEqualTo("risk.bids");
      assertThat(l.getDetail()).contains("mallory is not a registered backstop provider");
    });
  }

  @Test
  void withoutTheAuctionBothAreLiquidatedAtOnce() {
    assertThat(orders(plain)).startsWith(
        "bob/1/1/BTC-PERP PARTIAL SELL 0.45900000 92600.00000000 85.37400000 at 11000",
        "cara/1/1/BTC-PERP PARTIAL SELL 0.45900000 92600.00000000 85.37400000 at 11000");
    assertThat(plain.records(Topics.RISK_OFFERS)).isEmpty();
  }

  private static List<String> orders(PipelineRun run) {
    return run.records(Topics.LIQUIDATION_ORDERS).stream().map((LiquidationOrder o) -> o.getOrderId() + " "
        + o.getKind() + " " + o.getSide() + " " + o.getQuantity().toPlainString() + " "
        + o.getBankruptcyPrice().toPlainString() + " " + o.getPenalty().toPlainString() + " at "
        + (o.getEventTime().toEpochMilli() - Scenario.at(0).toEpochMilli())).sorted().toList();
  }

  private static MarginUpdate last(PipelineRun run, String account) {
    return run.records(Topics.MARGIN_UPDATES).stream().filter(u -> u.getAccountId().equals(account))
        .max(Comparator.comparing(MarginUpdate::getEventTime).thenComparingLong(MarginUpdate::getSequence))
        .orElseThrow();
  }
}
