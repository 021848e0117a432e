package dev.solvent.risk.auction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.solvent.risk.auction.AuctionOutput.BidRejected;
import dev.solvent.risk.auction.AuctionOutput.Cancelled;
import dev.solvent.risk.auction.AuctionOutput.Offer;
import dev.solvent.risk.auction.AuctionOutput.Reset;
import dev.solvent.risk.auction.AuctionOutput.Settled;
import dev.solvent.risk.auction.AuctionOutput.Started;
import dev.solvent.risk.auction.AuctionOutput.Stepped;
import dev.solvent.risk.lending.LendingStatus;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A lending account's Dutch auctions, transition by transition (README "The account and auction books"), on the
 * numbers of the auction stage's operator test: 5 ETH at 2,000 against 9,000 USDC at 1, health factor 0.9, bonus
 * 5%, protocol fee 10% of the bonus; MakerDAO MIP45's StairstepExponentialDecrease with a 1% cut every 5 s, a 5%
 * start premium (top = 2,100), resets after 10 minutes (MakerDAO's tail) or 30% under the oracle (like MakerDAO's
 * cusp, but measured from the oracle rather than from the top). The debt an auction may cover is Aave v3.3's close
 * factor: all of it at a health factor of 0.95 or less, half above.
 */
class AuctionBookTest {

  private static final DutchAuctionCurve CURVE = new DutchAuctionCurve.Exponential(0.01, 5_000);
  private static final AuctionBook.Settings SETTINGS = new AuctionBook.Settings(CURVE, 0.05, 600_000, 0.3);
  private static final double TOLERANCE_RATIO = 1e-12;
  private static final MathContext EXACT = new MathContext(40, RoundingMode.HALF_EVEN);

  private final AuctionBook book = new AuctionBook(SETTINGS);

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  private static AuctionInput.Health health(long at, double healthFactor) {
    return health(at, healthFactor, 5, 9_000);
  }

  private static AuctionInput.Health health(long at, double healthFactor, double collateral, double debt) {
    return new AuctionInput.Health(new LendingStatus("b", at, healthFactor, "ETH", collateral, 2_000, "USDC", debt, 1,
        collateral * 2_000, 0.05, 0.1));
  }

  private static AuctionInput.Bid bid(String liquidator, long sequence, double price, double debtToRepay) {
    return new AuctionInput.Bid("b/1", "b", liquidator, sequence, price, debtToRepay);
  }

  private AuctionBook.Step step(AuctionState state, long time, AuctionInput... inputs) {
    return book.step(state, List.of(inputs), time);
  }

  /** 2,100 × 0.99^n, exactly. */
  private static BigDecimal priceAfter(int steps) {
    return d("2100").multiply(d("0.99").pow(steps));
  }

  /** The auction started at 1 s by a health factor of 0.9. */
  private AuctionState started() {
    return step(null, 1_000, health(1_000, 0.9)).state();
  }

  /** Stepped on every step time from 6 s up to and including {@code until}. */
  private AuctionBook.Step steppedUntil(AuctionBook book, AuctionState state, long until) {
    AuctionBook.Step step = null;
    for (long t = 6_000; t <= until; t += 5_000) {
      step = book.step(state, List.of(), t);
      state = step.state();
    }
    return step;
  }

  private static Offer offer(AuctionBook.Step step) {
    assertThat(step.outputs()).hasSize(1);
    return ((AuctionOutput.Event) step.outputs().get(0)).offer();
  }

  // ---- start -----------------------------------------------------------------------------------------------------

  @Test
  void anUnderwaterAccountsCollateralIsAuctionedAtTheOraclePlusThePremium() {
    AuctionBook.Step s = step(null, 1_000, health(1_000, 0.9));
    assertThat(s.outputs()).singleElement().isInstanceOf(Started.class);
    Offer offer = offer(s);
    assertThat(offer.auctionId()).isEqualTo("b/1");
    assertThat(offer.accountId()).isEqualTo("b");
    assertThat(offer.time()).isEqualTo(1_000);
    assertThat(offer.step()).isZero();
    assertThat(offer.collateralAsset()).isEqualTo("ETH");
    assertThat(offer.debtAsset()).isEqualTo("USDC");
    // top = 2,000 × 1.05; at HF 0.9 ≤ 0.95 the whole 9,000 may be repaid.
    assertThat(offer.auctionPrice()).isEqualByComparingTo("2100");
    assertThat(offer.oraclePrice()).isEqualByComparingTo("2000");
    assertThat(offer.debtToCover()).isEqualByComparingTo("9000");
    assertThat(offer.collateralOffered()).isEqualByComparingTo("5");
    assertThat(offer.healthFactor()).isCloseTo(0.9, within(TOLERANCE_RATIO));

    AuctionState state = s.state();
    assertThat(state.auctions()).isEqualTo(1);
    assertThat(state.running().auctionId()).isEqualTo("b/1");
    assertThat(state.nextStep()).isEqualTo(6_000);
    assertThat(state.stepScheduled()).isTrue();
    assertThat(state.awaitingFill()).isFalse();
  }

  @Test
  void aboveTheFullCloseThresholdOnlyHalfTheDebtIsCovered() {
    // HF 0.97 > 0.95, debt and collateral both over 2,000 USD: the 50% close factor, 4,500.
    assertThat(offer(step(null, 1_000, health(1_000, 0.97))).debtToCover()).isEqualByComparingTo("4500");
  }

  @Test
  void noAuctionStartsWithoutCollateralOrDebtOrAboveOne() {
    assertThat(step(null, 1_000, health(1_000, 0.9, 0, 9_000))).satisfies(s -> {
      assertThat(s.outputs()).isEmpty();
      assertThat(s.state()).as("never auctioned: nothing kept").isNull();
    });
    assertThat(step(null, 1_000, health(1_000, 0.9, 5, 0))).satisfies(s -> {
      assertThat(s.outputs()).isEmpty();
      assertThat(s.state()).isNull();
    });
    // "Under 1": a health factor of exactly 1 is not underwater.
    assertThat(step(null, 1_000, health(1_000, 1.0))).satisfies(s -> {
      assertThat(s.outputs()).isEmpty();
      assertThat(s.state()).isNull();
    });
  }

  // ---- price steps and resets ------------------------------------------------------------------------------------

  @Test
  void thePriceStepsOnItsStepTimesOnly() {
    AuctionState started = started();
    AuctionBook.Step between = step(started, 3_000);
    assertThat(between.outputs()).isEmpty();
    assertThat(between.state()).as("nothing changed").isSameAs(started);
    assertThat(step(started, 7_000).outputs()).as("only on the step time itself, 6 s").isEmpty();

    AuctionBook.Step first = step(started, 6_000);
    assertThat(first.outputs()).singleElement().isInstanceOf(Stepped.class);
    assertThat(offer(first).step()).isEqualTo(1);
    assertThat(offer(first).auctionPrice()).isEqualByComparingTo(priceAfter(1)); // 2,079
    AuctionBook.Step second = step(first.state(), 11_000);
    assertThat(offer(second).step()).isEqualTo(2);
    assertThat(offer(second).auctionPrice()).isEqualByComparingTo(priceAfter(2)); // 2,058.21
    assertThat(second.state().nextStep()).isEqualTo(16_000);
  }

  @Test
  void anAuctionOlderThanTheMaximumAgeResetsAtAFreshTop() {
    AuctionBook young = new AuctionBook(new AuctionBook.Settings(CURVE, 0.05, 12_000, 0.3));
    AuctionState s = young.step(null, List.of(health(1_000, 0.9)), 1_000).state();
    s = young.step(s, List.of(health(6_000, 0.9)), 6_000).state();
    s = young.step(s, List.of(health(11_000, 0.9)), 11_000).state();
    // At 16 s the auction is 15 s old > 12 s, on a valuation 5 s old: reset at 2,000 × 1.05 again.
    AuctionBook.Step reset = young.step(s, List.of(), 16_000);
    assertThat(reset.outputs()).singleElement().isInstanceOf(Reset.class);
    Offer offer = offer(reset);
    assertThat(offer.auctionId()).as("the same auction").isEqualTo("b/1");
    assertThat(offer.step()).isEqualTo(3);
    assertThat(offer.auctionPrice()).isEqualByComparingTo("2100");
    DutchAuction running = reset.state().running();
    assertThat(running.resets()).isEqualTo(1);
    assertThat(running.startMillis()).isEqualTo(16_000);
    assertThat(reset.state().auctions()).as("a reset is no new auction").isEqualTo(1);
    assertThat(offer(young.step(reset.state(), List.of(), 21_000)).auctionPrice()).isEqualByComparingTo(
        priceAfter(1));
  }

  @Test
  void anAuctionPricedTooFarUnderTheOracleResets() {
    // 2,100 × 0.99^n < 2,000 × (1 − 0.3) = 1,400 first at n > ln(2/3) / ln(0.99) = 40.3: the 41st step, at 206 s.
    AuctionBook.Step fortieth = steppedUntil(book, started(), 201_000);
    assertThat(fortieth.outputs()).singleElement().isInstanceOf(Stepped.class);
    assertThat(offer(fortieth).auctionPrice()).isEqualByComparingTo(priceAfter(40).setScale(8,
        RoundingMode.HALF_EVEN)); // 1,404.84
    AuctionBook.Step reset = step(fortieth.state(), 206_000);
    assertThat(reset.outputs()).singleElement().isInstanceOf(Reset.class);
    assertThat(offer(reset).step()).isEqualTo(41);
    assertThat(offer(reset).auctionPrice()).isEqualByComparingTo("2100");
  }

  @Test
  void aHealthyAccountCancelsItsAuctionAndKeepsOnlyTheCount() {
    AuctionBook.Step cancel = step(started(), 3_000, health(3_000, 1.2));
    assertThat(cancel.outputs()).singleElement().isInstanceOf(Cancelled.class);
    assertThat(offer(cancel).step()).isEqualTo(1);
    assertThat(offer(cancel).auctionPrice()).as("cancelled before its first step").isEqualByComparingTo("2100");
    assertThat(offer(cancel).healthFactor()).isCloseTo(1.2, within(TOLERANCE_RATIO));
    assertThat(cancel.state()).isEqualTo(new AuctionState(1, null, 0, 0, null, false, 0, 0));

    AuctionBook.Step healthy = step(cancel.state(), 4_000, health(4_000, 1.3));
    assertThat(healthy.outputs()).isEmpty();
    assertThat(healthy.state()).isSameAs(cancel.state());
    // The next auction of the account is its second.
    assertThat(offer(step(healthy.state(), 5_000, health(5_000, 0.9))).auctionId()).isEqualTo("b/2");
  }

  /**
   * With a cancel band (health factor 1.02), an account whose price flickers back just over 1 keeps its running
   * auction, which goes on stepping down; it is cancelled only once the health factor reaches the band's top.
   */
  @Test
  void aHealthFactorJustBackAboveOneKeepsTheAuctionRunningUnderACancelBand() {
    AuctionBook banded = new AuctionBook(new AuctionBook.Settings(CURVE, 0.05, 600_000, 0.3, 1.02));
    AuctionState running = banded.step(null, List.of(health(1_000, 0.9)), 1_000).state();

    AuctionBook.Step flicker = banded.step(running, List.of(health(3_000, 1.01)), 3_000);
    assertThat(flicker.outputs()).isEmpty();
    assertThat(flicker.state().running()).isNotNull();
    AuctionBook.Step stepped = banded.step(flicker.state(), List.of(), 6_000);
    assertThat(stepped.outputs()).singleElement().isInstanceOf(AuctionOutput.Stepped.class);
    assertThat(offer(stepped).auctionPrice()).isEqualByComparingTo(priceAfter(1).setScale(8, RoundingMode.HALF_EVEN));

    AuctionBook.Step recovered = banded.step(stepped.state(), List.of(health(7_000, 1.02)), 7_000);
    assertThat(recovered.outputs()).singleElement().isInstanceOf(Cancelled.class);
    // Without the band (the 4-argument settings: 1), the flicker alone cancels.
    assertThat(step(started(), 3_000, health(3_000, 1.01)).outputs()).singleElement().isInstanceOf(Cancelled.class);
  }

  /** Under a cancel band an auction can outlive the debt itself (repaid by the borrower): its cancel keeps a price. */
  @Test
  void anAuctionWhoseDebtIsGoneIsCancelledAtTheLastPriceItHad() {
    AuctionBook banded = new AuctionBook(new AuctionBook.Settings(CURVE, 0.05, 600_000, 0.3, 1.02));
    AuctionState running = banded.step(null, List.of(health(1_000, 0.9)), 1_000).state();
    var repaid = new AuctionInput.Health(new LendingStatus("b", 3_000, Double.POSITIVE_INFINITY, "ETH", 5, 2_000, "",
        0, 0, 10_000, 0.05, 0.1));

    AuctionBook.Step cancel = banded.step(running, List.of(repaid), 3_000);

    assertThat(cancel.outputs()).singleElement().isInstanceOf(Cancelled.class);
    assertThat(offer(cancel).oraclePrice()).isEqualByComparingTo("2000");
    assertThat(offer(cancel).healthFactor()).isZero();
  }

  // ---- bids and settlement ---------------------------------------------------------------------------------------

  @Test
  void theFirstBidAtOrAboveThePriceSettles() {
    AuctionState twoSteps = steppedUntil(book, started(), 11_000).state();
    // At 12 s the price is 2,100 × 0.99² = 2,058.21: 2,000 is refused, 2,060 buys.
    AuctionBook.Step s = step(twoSteps, 12_000, bid("low", 1, 2_000, 4_000), bid("high", 2, 2_060, 4_000));
    assertThat(s.outputs()).singleElement().isInstanceOfSatisfying(Settled.class, settled -> {
      assertThat(settled.liquidator()).isEqualTo("high");
      assertThat(settled.offer().step()).isEqualTo(3);
      assertThat(settled.offer().auctionPrice()).isEqualByComparingTo("2058.21");
      assertThat(settled.debtRepaid()).isEqualByComparingTo("4000");
      // Seized at the auction's price: ⌊4,000 / 2,058.21⌋ to 8 decimals.
      assertThat(settled.collateralSeized()).isEqualByComparingTo(d("4000").divide(priceAfter(2), 8,
          RoundingMode.FLOOR));
      // Bought above the oracle (1.9434 ETH < 4,000 / 2,000 = 2): no bonus, no fee.
      assertThat(settled.protocolFee()).isZero();
    });
    AuctionState after = s.state();
    assertThat(after.running()).isNull();
    assertThat(after.awaitingFill()).isTrue();
    assertThat(after.settledAt()).isEqualTo(12_000);
    assertThat(after.debtAtSettlement()).isEqualTo(9_000);
    assertThat(after.stepScheduled()).isFalse();
  }

  @Test
  void amongAcceptableBidsTheEarliestInInputOrderWins() {
    AuctionBook.Step s = step(started(), 2_000, bid("first", 1, 2_100, 1_000), bid("richer", 2, 2_500, 9_000));
    assertThat(s.outputs()).singleElement().isInstanceOfSatisfying(Settled.class, settled ->
        assertThat(settled.liquidator()).isEqualTo("first"));
  }

  @Test
  void aBidRepaysAtMostTheDebtTheAuctionCovers() {
    // HF 0.97: the auction covers half the 9,000. A bid for all of it at the start price repays 4,500 and seizes
    // ⌊4,500 / 2,100⌋ = 2.14285714 ETH.
    AuctionState half = step(null, 1_000, health(1_000, 0.97)).state();
    AuctionBook.Step s = step(half, 2_000, bid("bot", 1, 2_100, 9_000));
    assertThat(s.outputs()).singleElement().isInstanceOfSatisfying(Settled.class, settled -> {
      assertThat(settled.debtRepaid()).isEqualByComparingTo("4500");
      assertThat(settled.collateralSeized()).isEqualByComparingTo(d("4500").divide(d("2100"), 8,
          RoundingMode.FLOOR));
    });
  }

  @Test
  void inputsAreTakenHealthFirstThenBidsBySequenceAndLiquidator() {
    List<AuctionInput> inputs = new ArrayList<>(List.of(bid("z", 2, 1, 1), bid("b", 1, 1, 1), health(1, 0.9),
        bid("a", 1, 1, 1)));
    inputs.sort(AuctionInput.ORDER);
    assertThat(inputs.get(0)).isInstanceOf(AuctionInput.Health.class);
    assertThat(inputs.subList(1, 4)).extracting(in -> ((AuctionInput.Bid) in).liquidator()).containsExactly("a", "b",
        "z");
  }

  @Test
  void whatIsRepaidRoundsUpAndWhatIsSeizedAndTheFeeRoundDown() {
    // At 27 s, five steps in: price 2,100 × 0.99^5 = 1,997.07910479, under the oracle's 2,000.
    AuctionState fiveSteps = steppedUntil(book, started(), 26_000).state();
    double repay = 1_000.123456789;
    AuctionBook.Step s = step(fiveSteps, 27_000, bid("bot", 1, 1_998, repay));
    BigDecimal exactRepay = d("1000.123456789");
    BigDecimal seized = exactRepay.divide(priceAfter(5), EXACT);
    // The bonus over the oracle value of what was repaid, 10% of it to the protocol.
    BigDecimal fee = seized.subtract(exactRepay.divide(d("2000"), EXACT)).multiply(d("0.1"));
    assertThat(s.outputs()).singleElement().isInstanceOfSatisfying(Settled.class, settled -> {
      assertThat(settled.offer().auctionPrice()).isEqualByComparingTo("1997.07910479");
      assertThat(settled.debtRepaid()).isEqualByComparingTo("1000.12345679");
      assertThat(settled.collateralSeized()).isEqualByComparingTo(seized.setScale(8, RoundingMode.FLOOR));
      assertThat(settled.protocolFee()).isEqualByComparingTo(fee.setScale(8, RoundingMode.FLOOR));
      assertThat(settled.collateralSeized()).isEqualByComparingTo("0.50079311");
      assertThat(settled.protocolFee()).isEqualByComparingTo("0.00007313");
    });
  }

  @Test
  void noMoreCollateralIsSeizedThanTheAuctionOffers() {
    // Twenty steps in (101 s): 2,100 × 0.99^20 = 1,717.60; 9,000 / 1,717.60 = 5.24 ETH > 5: all 5 are sold, for
    // 5 × 1,717.6045689541848… = 8,588.02284477…, rounded up.
    AuctionState twentySteps = steppedUntil(book, started(), 101_000).state();
    AuctionBook.Step s = step(twentySteps, 102_000, bid("bot", 1, 2_000, 9_000));
    BigDecimal repaid = priceAfter(20).multiply(d("5"));
    assertThat(s.outputs()).singleElement().isInstanceOfSatisfying(Settled.class, settled -> {
      assertThat(settled.collateralSeized()).isEqualByComparingTo("5");
      assertThat(settled.debtRepaid()).isEqualByComparingTo(repaid.setScale(8, RoundingMode.CEILING));
      // Fee: (5 − repaid / 2,000) × 0.1 = 0.07059885…
      assertThat(settled.protocolFee()).isEqualByComparingTo(d("5").subtract(repaid.divide(d("2000"), EXACT))
          .multiply(d("0.1")).setScale(8, RoundingMode.FLOOR));
    });
  }

  @Test
  void aBidForAnAccountNeverAuctionedIsRejectedAndLeavesNoState() {
    AuctionBook.Step s = step(null, 1_000, bid("early", 1, 2_000, 4_000));
    assertThat(s.outputs()).containsExactly(new BidRejected(0, "no auction was ever run for account b"));
    assertThat(s.state()).isNull();
  }

  @Test
  void aBidThatLostTheRaceOrCameLateIsNoError() {
    AuctionState cancelled = step(started(), 3_000, health(3_000, 1.2)).state();
    AuctionBook.Step late = step(cancelled, 4_000, bid("late", 1, 2_100, 4_000));
    assertThat(late.outputs()).isEmpty();
    assertThat(late.state()).isSameAs(cancelled);
    // A bid naming another auction of the account while one runs.
    AuctionState running = started();
    AuctionBook.Step other = book.step(running, List.of(new AuctionInput.Bid("b/7", "b", "x", 1, 3_000, 1_000)),
        2_000);
    assertThat(other.outputs()).isEmpty();
    assertThat(other.state()).isSameAs(running);
  }

  // ---- after settlement ------------------------------------------------------------------------------------------

  @Test
  void aSettledAuctionWaitsForItsFillBeforeAnotherStarts() {
    AuctionState settled = step(started(), 2_000, bid("bot", 1, 2_100, 4_000)).state();
    // Still underwater, debt still 9,000: the fill has not reached the account log.
    AuctionBook.Step waiting = step(settled, 3_000, health(3_000, 0.9));
    assertThat(waiting.outputs()).isEmpty();
    assertThat(waiting.state().awaitingFill()).isTrue();
    assertThat(waiting.state().running()).isNull();
    assertThat(waiting.state().auctions()).isEqualTo(1);
    // The fill arrived (debt 5,000, 3.1 ETH left), the account still underwater: the second auction.
    AuctionBook.Step next = step(waiting.state(), 4_000, health(4_000, 0.8, 3.1, 5_000));
    assertThat(next.outputs()).singleElement().isInstanceOf(Started.class);
    assertThat(offer(next).auctionId()).isEqualTo("b/2");
    assertThat(offer(next).debtToCover()).isEqualByComparingTo("5000");
    assertThat(offer(next).collateralOffered()).isEqualByComparingTo("3.1");
  }

  @Test
  void aFillThatNeverArrivesIsWaitedForAtMostTheMaximumAge() {
    AuctionState settled = step(started(), 2_000, bid("bot", 1, 2_100, 4_000)).state();
    AuctionBook.Step atMaxAge = step(settled, 602_000, health(602_000, 0.9));
    assertThat(atMaxAge.outputs()).isEmpty();
    assertThat(atMaxAge.state().awaitingFill()).isTrue();
    AuctionBook.Step beyond = step(atMaxAge.state(), 602_001, health(602_001, 0.9));
    assertThat(offer(beyond).auctionId()).isEqualTo("b/2");
  }

  @Test
  void aFilledAuctionOnAHealthyAccountLeavesOnlyTheCount() {
    AuctionState settled = step(started(), 2_000, bid("bot", 1, 2_100, 4_000)).state();
    AuctionBook.Step filled = step(settled, 3_000, health(3_000, 1.1, 3.1, 5_000));
    assertThat(filled.outputs()).isEmpty();
    assertThat(filled.state()).isEqualTo(new AuctionState(1, null, 0, 0, null, false, 0, 0));
  }

  // ---- without valuations ----------------------------------------------------------------------------------------

  @Test
  void withoutAValuationForLongerThanTheMaximumAgeItPausesAndResumesWithTheNext() {
    AuctionBook shortLived = new AuctionBook(new AuctionBook.Settings(CURVE, 0.05, 60_000, 0.3));
    AuctionState s = shortLived.step(null, List.of(health(1_000, 0.9)), 1_000).state();
    // Steps at 6 s … 61 s (the valuation of 1 s is then exactly 60 s old): 12 steps, all above 1,400.
    AuctionBook.Step twelfth = steppedUntil(shortLived, s, 61_000);
    assertThat(offer(twelfth).step()).isEqualTo(12);
    assertThat(twelfth.outputs()).singleElement().isInstanceOf(Stepped.class);
    // At 66 s the valuation is 65 s old: no step and no reset on that stale health, the auction waits.
    AuctionBook.Step paused = shortLived.step(twelfth.state(), List.of(), 66_000);
    assertThat(paused.outputs()).isEmpty();
    assertThat(paused.state().nextStep()).isEqualTo(AuctionState.PAUSED);
    assertThat(paused.state().stepScheduled()).isFalse();
    assertThat(paused.state().running().auctionId()).isEqualTo("b/1");

    AuctionBook.Step resumed = shortLived.step(paused.state(), List.of(health(100_000, 0.9)), 100_000);
    assertThat(resumed.outputs()).isEmpty();
    assertThat(resumed.state().nextStep()).isEqualTo(105_000);
    // The next step finds the auction 104 s old: it resets on the fresh valuation.
    AuctionBook.Step reset = shortLived.step(resumed.state(), List.of(), 105_000);
    assertThat(reset.outputs()).singleElement().isInstanceOf(Reset.class);
    assertThat(offer(reset).step()).isEqualTo(13);
  }
}
