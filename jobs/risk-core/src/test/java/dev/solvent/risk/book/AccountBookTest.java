package dev.solvent.risk.book;

import dev.solvent.risk.account.Account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.solvent.risk.Fixtures;
import dev.solvent.risk.account.MarginMode;
import dev.solvent.risk.account.MarginStatus;
import dev.solvent.risk.account.RiskParameters;
import dev.solvent.risk.account.UnderlyingConditions;
import dev.solvent.risk.adl.AdlPosition;
import dev.solvent.risk.book.AccountOutput.AdlPositionReported;
import dev.solvent.risk.book.AccountOutput.EventRejected;
import dev.solvent.risk.book.AccountOutput.FillSettled;
import dev.solvent.risk.book.AccountOutput.LendingHealth;
import dev.solvent.risk.book.AccountOutput.LiquidationOrdered;
import dev.solvent.risk.book.AccountOutput.MarginCalled;
import dev.solvent.risk.book.AccountOutput.MarginUpdated;
import dev.solvent.risk.instrument.CollateralAsset;
import dev.solvent.risk.instrument.Contract;
import dev.solvent.risk.instrument.Instrument;
import dev.solvent.risk.instrument.LinearContract;
import dev.solvent.risk.instrument.LoanAsset;
import dev.solvent.risk.ledger.AccountLedger;
import dev.solvent.risk.liquidation.LiquidationKind;
import dev.solvent.risk.liquidation.LiquidationMode;
import dev.solvent.risk.margin.DynamicMargin;
import dev.solvent.risk.margin.MarginSchedule;
import dev.solvent.risk.portfolio.RiskArrayCalculator;
import dev.solvent.risk.portfolio.ScenarioGrid;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The account state machine, transition by transition (README "The account and auction books"), on the worked
 * numbers of the account stage's operator test: BTC-PERP with one Binance-style bracket, MM = 0.5% of notional,
 * IM = notional / 100, a 0.2% liquidation penalty and lots of 0.001; warning level 1.5, target ratio 1.25, dynamic
 * add-ons off. Bob pays in 7,400 and buys 1 at 100,000: equity = mark − 92,600, MM = 0.005 × mark, bankruptcy at
 * 92,600. Settlement follows the README's "Settlement": penalty = min(⌈rate × notional⌉, ⌊beat⌋), deficit = ⌈−beat⌉,
 * beat = closed × (fill − bankruptcy). Every expected number is worked out by hand next to its assertion.
 */
class AccountBookTest {

  private static final LinearContract BTC = new LinearContract("BTC-PERP", "BTC", 0, 1, 0.001,
      MarginSchedule.flat(100, 0.005), 0.002, "usd");
  private static final LinearContract ETH = new LinearContract("ETH-PERP", "ETH", 0, 1, 0.01,
      MarginSchedule.flat(100, 0.005), 0.002, "usd");
  /** Aave-style ETH reserve: no haircut, liquidation threshold 80%, bonus 5%, protocol fee 10% of the bonus. */
  private static final CollateralAsset ETH_SPOT = new CollateralAsset("ETH", "ETH", 0, 0.8, 0.05, 0.1);
  private static final LoanAsset USDC = new LoanAsset("USDC", "USDC");
  private static final List<Instrument> LISTED = List.of(BTC, ETH, ETH_SPOT, USDC);

  private static final long LAG = 250;
  private static final long HEARTBEAT = 3_600_000;
  private static final long TIMEOUT = 30_000;
  private static final RiskParameters PARAMETERS = RiskParameters.DEFAULT.withDynamic(DynamicMargin.OFF);
  private static final AccountBook.Settings SETTINGS = new AccountBook.Settings(0.05, HEARTBEAT, TIMEOUT, 1,
      LiquidationMode.PARTIAL, "USD", 300_000);

  private static final double TOLERANCE_RATIO = 1e-9;
  private static final double TOLERANCE_PRICE = 1e-6;
  /** Margins are the model's doubles rounded up at the wire's scale: within one unit of the 8th decimal. */
  private static final BigDecimal SATOSHI = new BigDecimal("0.00000001");

  private final AccountBook book = new AccountBook(PARAMETERS, SETTINGS);

  // ---- the market and the events ---------------------------------------------------------------------------------

  /** Every listed instrument whose underlying has a spot, priced at {@code time} from sources {@link #LAG} old. */
  private static Market market(long time, boolean stale, Map<String, Double> spots, List<Instrument> listed) {
    RiskArrayCalculator calculator = new RiskArrayCalculator(ScenarioGrid.DEFAULT);
    Map<String, PricedInstrument> priced = new HashMap<>();
    for (Instrument instrument : listed) {
      Double spot = instrument instanceof LoanAsset ? Double.valueOf(1) : spots.get(instrument.underlying());
      if (spot != null) {
        BigDecimal size = BigDecimal.valueOf(instrument instanceof Contract c ? c.contractSize() : 1);
        priced.put(instrument.id(), new PricedInstrument(instrument, size,
            calculator.compute(instrument, spot, 0.6, 0, time), UnderlyingConditions.UNKNOWN, stale, time - LAG));
      }
    }
    return priced::get;
  }

  private static Market btc(long time, double price) {
    return market(time, false, Map.of("BTC", price), LISTED);
  }

  private static Market staleBtc(long time, double price) {
    return market(time, true, Map.of("BTC", price), LISTED);
  }

  private static Market prices(long time, double btc, double eth) {
    return market(time, false, Map.of("BTC", btc, "ETH", eth), LISTED);
  }

  private static Market eth(long time, double price, boolean stale) {
    return market(time, stale, Map.of("ETH", price), LISTED);
  }

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  private static AccountEvent opened(String account, long sequence) {
    return new AccountEvent.Opened(account, sequence, MarginMode.CROSS, "usd", Account.QUOTE);
  }

  private static AccountEvent deposit(String account, long sequence, String asset, String amount) {
    return new AccountEvent.Deposit(account, sequence, asset, d(amount));
  }

  private static AccountEvent withdrawal(String account, long sequence, String asset, String amount) {
    return new AccountEvent.Withdrawal(account, sequence, asset, d(amount));
  }

  private static AccountEvent trade(String account, long sequence, String instrument, String quantity, String price,
      String fee) {
    return new AccountEvent.Trade(account, sequence, instrument, d(quantity), d(price), d(fee));
  }

  private static AccountEvent liquidationFill(long sequence, String orderId, String quantity, String price) {
    return new AccountEvent.LiquidationFill("bob", sequence, "BTC-PERP", orderId, d(quantity), d(price),
        BigDecimal.ZERO);
  }

  private AccountBook.Step step(AccountState state, Market market, long time, AccountEvent... events) {
    return book.step(state, List.of(events), market, time);
  }

  private static <T extends AccountOutput> List<T> only(Class<T> type, AccountBook.Step step) {
    return step.outputs().stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static List<Class<?>> kinds(AccountBook.Step step) {
    return step.outputs().stream().<Class<?>>map(Object::getClass).toList();
  }

  /** Bob at 1 s: 7,400 USD in, long 1 BTC-PERP at 100,000, valued at 100,000 (equity 7,400, MM 500). */
  private AccountState bob() {
    return step(null, btc(1_000, 100_000), 1_000, opened("bob", 1), deposit("bob", 2, "USD", "7400"),
        trade("bob", 3, "BTC-PERP", "1", "100000", "0")).state();
  }

  /** Bob at 93,000 at 11 s: equity 400, MM 465, ratio 0.86: order bob/1/1/BTC-PERP of 0.459, deadline 41 s. */
  private AccountBook.Step bobLiquidated() {
    return step(bob(), btc(11_000, 93_000), 11_000);
  }

  // ---- posting events --------------------------------------------------------------------------------------------

  @Test
  void postsTheEventsOfAnInstantInOrderThenValuesTheAccountOnce() {
    AccountBook.Step s = step(null, btc(1_000, 100_000), 1_000, opened("bob", 1), deposit("bob", 2, "USD", "7400"),
        trade("bob", 3, "BTC-PERP", "1", "100000", "0"));
    assertThat(s.outputs()).singleElement().isInstanceOfSatisfying(MarginUpdated.class, u -> {
      assertThat(u.accountId()).isEqualTo("bob");
      assertThat(u.time()).isEqualTo(1_000);
      assertThat(u.sequence()).isEqualTo(1);
      assertThat(u.mode()).isEqualTo(MarginMode.CROSS);
      // Cash 7,400 − 100,000, plus 1 × 100,000 marked: 7,400. IM 100,000 / 100, MM 0.005 × 100,000.
      assertThat(u.equity()).isEqualByComparingTo("7400");
      assertThat(u.equity().scale()).as("the wire's scale").isEqualTo(8);
      assertThat(u.initialMargin()).isCloseTo(d("1000"), within(SATOSHI));
      assertThat(u.maintenanceMargin()).isCloseTo(d("500"), within(SATOSHI));
      assertThat(u.marginRatio()).isCloseTo(7_400.0 / 500, within(TOLERANCE_RATIO));
      assertThat(u.status()).isEqualTo(MarginStatus.HEALTHY);
      assertThat(u.oracleLagMillis()).isEqualTo(LAG);
    });
    AccountLedger ledger = s.state().ledger();
    assertThat(ledger.cash()).isEqualByComparingTo("-92600");
    assertThat(ledger.position("BTC-PERP").cost()).isEqualByComparingTo("100000");
    assertThat(s.state().pending()).isNull();
    assertThat(s.state().memory().updateSequence()).isEqualTo(1);
  }

  @Test
  void aSecondAccountOpenedIsInvalidAndChangesNothing() {
    AccountState bob = bob();
    AccountBook.Step s = step(bob, btc(2_000, 100_000), 2_000, opened("bob", 4));
    assertThat(s.outputs()).containsExactly(new EventRejected(0, Rejection.INVALID, "account bob is already open"));
    assertThat(s.state()).isSameAs(bob);
  }

  @Test
  void eventsOfAnAccountNeverOpenedAreUnknownAccountAndLeaveNoState() {
    AccountBook.Step ghost = step(null, btc(1_000, 100_000), 1_000, deposit("ghost", 1, "USD", "5"));
    assertThat(ghost.state()).isNull();
    assertThat(ghost.outputs()).containsExactly(new EventRejected(0, Rejection.UNKNOWN_ACCOUNT,
        "no AccountOpened for account ghost"));

    // Within one instant, what comes before the AccountOpened is refused and what follows it is posted.
    AccountBook.Step carol = step(null, btc(1_000, 100_000), 1_000, deposit("carol", 1, "USD", "5"),
        opened("carol", 2), deposit("carol", 3, "USD", "7"));
    assertThat(carol.outputs()).containsExactly(new EventRejected(0, Rejection.UNKNOWN_ACCOUNT,
        "no AccountOpened for account carol"));
    assertThat(carol.state().ledger().cash()).isEqualByComparingTo("7");
  }

  @Test
  void eventsNamingAnUnpricedInstrumentOrAnAssetOfTheWrongKindAreUnknownInstrument() {
    AccountBook.Step s = step(null, prices(1_000, 100_000, 2_000), 1_000, opened("carol", 1),
        deposit("carol", 2, "USD", "1000"), trade("carol", 3, "DOGE-PERP", "1", "1", "0"),
        trade("carol", 4, "ETH", "1", "2000", "0"), deposit("carol", 5, "SOL", "1"), deposit("carol", 6, "USDC", "1"),
        new AccountEvent.Borrow("carol", 7, "ETH", d("1")));
    assertThat(s.outputs()).containsExactly(
        new EventRejected(2, Rejection.UNKNOWN_INSTRUMENT, "instrument DOGE-PERP is not a priced perpetual, future"
            + " or option"),
        new EventRejected(3, Rejection.UNKNOWN_INSTRUMENT, "instrument ETH is not a priced perpetual, future or"
            + " option"),
        new EventRejected(4, Rejection.UNKNOWN_INSTRUMENT, "asset SOL is not a priced collateral asset"),
        new EventRejected(5, Rejection.UNKNOWN_INSTRUMENT, "asset USDC is not a priced collateral asset"),
        new EventRejected(6, Rejection.UNKNOWN_INSTRUMENT, "asset ETH is not a priced loan asset"));
    AccountLedger ledger = s.state().ledger();
    assertThat(ledger.cash()).isEqualByComparingTo("1000");
    assertThat(ledger.positions()).isEmpty();
    assertThat(ledger.collateral()).isEmpty();
    assertThat(ledger.debt()).isEmpty();
  }

  @Test
  void takingMoreThanTheAccountHasIsInvalidButTheRoundingUnitOfAFullAuctionRepaymentClosesTheDebt() {
    AccountState dan = step(null, eth(1_000, 2_000, false), 1_000,
        new AccountEvent.Opened("dan", 1, MarginMode.LENDING, "none", Account.QUOTE), deposit("dan", 2, "ETH", "1"),
        new AccountEvent.Borrow("dan", 3, "USDC", d("1000"))).state();
    // The auction rounds the repayment of the whole 1,000 up to the 8th decimal: one unit over closes the debt.
    AccountBook.Step filled = step(dan, eth(2_000, 2_000, false), 2_000,
        new AccountEvent.AuctionFill("dan", 4, "USDC", d("1000.00000001"), "ETH", d("0.5")));
    assertThat(only(EventRejected.class, filled)).isEmpty();
    assertThat(filled.state().ledger().debt("USDC")).isZero();
    assertThat(filled.state().ledger().debt()).isEmpty();
    assertThat(filled.state().ledger().collateral("ETH")).isEqualByComparingTo("0.5");

    AccountBook.Step over = step(filled.state(), eth(3_000, 2_000, false), 3_000,
        new AccountEvent.Repay("dan", 5, "USDC", d("1")),
        new AccountEvent.AuctionFill("dan", 6, "USDC", d("0"), "ETH", d("0.6")),
        withdrawal("dan", 7, "ETH", "0.6"));
    assertThat(over.outputs()).containsExactly(
        new EventRejected(0, Rejection.INVALID_QUANTITY, "the event repays 1 USDC but the account owes 0"),
        new EventRejected(1, Rejection.INVALID_QUANTITY, "the event seizes 0.6 ETH but the account holds 0.5"),
        new EventRejected(2, Rejection.INVALID_QUANTITY, "the event withdraws 0.6 ETH but the account holds 0.5"));
    assertThat(over.state()).as("the books stay whole").isSameAs(filled.state());

    // Two units over is not rounding.
    AccountBook.Step twoOver = step(dan, eth(2_000, 2_000, false), 2_000,
        new AccountEvent.AuctionFill("dan", 4, "USDC", d("1000.00000002"), "ETH", d("0.5")));
    assertThat(only(EventRejected.class, twoOver)).containsExactly(new EventRejected(0, Rejection.INVALID_QUANTITY,
        "the event repays 1000.00000002 USDC but the account owes 1000"));
    assertThat(twoOver.state().ledger().debt("USDC")).isEqualByComparingTo("1000");
  }

  // ---- when a valuation is an update -----------------------------------------------------------------------------

  @Test
  void aRatioMoveOfAtMostTheStepIsNoUpdateAndAnyMoreIs() {
    // Carol: 10,000 in, long 1 at 100,000, at 100,000: ratio 10,000 / 500 = 20.
    AccountBook.Step first = step(null, btc(1_000, 100_000), 1_000, opened("carol", 1),
        deposit("carol", 2, "USD", "10000"), trade("carol", 3, "BTC-PERP", "1", "100000", "0"));
    assertThat(only(MarginUpdated.class, first)).extracting(MarginUpdated::sequence).containsExactly(1L);
    // 500 more: 10,500 / 500 = 21, a move of 1/20, exactly the 5% step: no update.
    AccountBook.Step atTheStep = step(first.state(), btc(2_000, 100_000), 2_000, deposit("carol", 4, "USD", "500"));
    assertThat(atTheStep.outputs()).isEmpty();
    // 0.01 more: 10,500.01 / 500 = 21.00002, 5.0001% from the last update's 20.
    AccountBook.Step beyond = step(atTheStep.state(), btc(3_000, 100_000), 3_000,
        deposit("carol", 5, "USD", "0.01"));
    assertThat(beyond.outputs()).singleElement().isInstanceOfSatisfying(MarginUpdated.class, u -> {
      assertThat(u.sequence()).isEqualTo(2);
      assertThat(u.equity()).isEqualByComparingTo("10500.01");
      assertThat(u.marginRatio()).isCloseTo(21.00002, within(TOLERANCE_RATIO));
    });
  }

  @Test
  void aStatusChangeIsAnUpdateHoweverSmallTheMoveAndUnderTheWarningLevelItComesWithAMarginCall() {
    // Dave: 755 in, long 1 at 100,000: ratio 755 / 500 = 1.51, healthy.
    AccountState dave = step(null, btc(1_000, 100_000), 1_000, opened("dave", 1), deposit("dave", 2, "USD", "755"),
        trade("dave", 3, "BTC-PERP", "1", "100000", "0")).state();
    // 10 out: 745 / 500 = 1.49, a move of 1.3% that crosses the warning level of 1.5.
    AccountBook.Step call = step(dave, btc(2_000, 100_000), 2_000, withdrawal("dave", 4, "USD", "10"));
    assertThat(kinds(call)).containsExactly(MarginUpdated.class, MarginCalled.class);
    MarginUpdated update = only(MarginUpdated.class, call).get(0);
    assertThat(update.sequence()).isEqualTo(2);
    assertThat(update.status()).isEqualTo(MarginStatus.MARGIN_CALL);
    assertThat(update.marginRatio()).isCloseTo(1.49, within(TOLERANCE_RATIO));
    MarginCalled margin = only(MarginCalled.class, call).get(0);
    assertThat(margin.accountId()).isEqualTo("dave");
    assertThat(margin.time()).isEqualTo(2_000);
    assertThat(margin.marginRatio()).isCloseTo(1.49, within(TOLERANCE_RATIO));
    assertThat(margin.warningLevel()).isEqualTo(1.5);
    assertThat(margin.equity()).isEqualByComparingTo("745");
    assertThat(margin.maintenanceMargin()).isCloseTo(d("500"), within(SATOSHI));
    assertThat(margin.horizonMillis()).isEqualTo(300_000);
    assertThat(margin.probabilityOfDefault()).isBetween(0.0, 1.0);

    // 5 more out: 740 / 500 = 1.48, 0.7% and the same status: no update, so no second call either.
    AccountBook.Step quiet = step(call.state(), btc(3_000, 100_000), 3_000, withdrawal("dave", 5, "USD", "5"));
    assertThat(quiet.outputs()).isEmpty();
  }

  @Test
  void theHeartbeatUpdatesAnAccountThatDidNotMove() {
    AccountState bob = bob(); // updated at 1 s
    AccountBook.Step early = step(bob, btc(1_000 + HEARTBEAT - 1, 100_000), 1_000 + HEARTBEAT - 1);
    assertThat(early.outputs()).isEmpty();
    assertThat(early.state()).isSameAs(bob);
    AccountBook.Step beat = step(bob, btc(1_000 + HEARTBEAT, 100_000), 1_000 + HEARTBEAT);
    assertThat(beat.outputs()).singleElement().isInstanceOfSatisfying(MarginUpdated.class, u -> {
      assertThat(u.sequence()).isEqualTo(2);
      assertThat(u.time()).isEqualTo(1_000 + HEARTBEAT);
      assertThat(u.marginRatio()).isCloseTo(14.8, within(TOLERANCE_RATIO));
    });
    // The next heartbeat counts from this update.
    assertThat(step(beat.state(), btc(1_000 + 2 * HEARTBEAT - 1, 100_000), 1_000 + 2 * HEARTBEAT - 1).outputs())
        .isEmpty();
  }

  @Test
  void sequenceNumbersIncreaseByOnePerUpdate() {
    AccountState s = bob(); // update 1
    // 101,000: 8,400 / 505 = 16.63 (+12%): update 2. 100,990: 8,390 / 504.95 = 16.62 (−0.1%): none.
    // 99,000: 6,400 / 495 = 12.93 (−22%): update 3.
    long[] sequences = new long[3];
    double[] marks = {101_000, 100_990, 99_000};
    for (int i = 0; i < marks.length; i++) {
      AccountBook.Step step = step(s, btc(2_000 + i * 1_000L, marks[i]), 2_000 + i * 1_000L);
      sequences[i] = only(MarginUpdated.class, step).stream().mapToLong(MarginUpdated::sequence).findFirst()
          .orElse(0);
      s = step.state();
    }
    assertThat(sequences).containsExactly(2, 0, 3);
    assertThat(s.memory().updateSequence()).isEqualTo(3);
  }

  @Test
  void anAccountThatClosedItsLastPositionGetsOneFinalUpdateAndThenNone() {
    AccountBook.Step close = step(bob(), btc(2_000, 101_000), 2_000,
        trade("bob", 4, "BTC-PERP", "-1", "101000", "10"));
    assertThat(close.outputs()).hasSize(2);
    assertThat(close.outputs().get(0)).isEqualTo(new AdlPositionReported(AdlPosition.closed("BTC-PERP", "bob",
        2_000)));
    assertThat(close.outputs().get(1)).isInstanceOfSatisfying(MarginUpdated.class, u -> {
      assertThat(u.sequence()).isEqualTo(2);
      // 7,400 + 1 × (101,000 − 100,000) − 10.
      assertThat(u.equity()).isEqualByComparingTo("8390");
      assertThat(u.maintenanceMargin()).isZero();
      assertThat(u.marginRatio()).as("nothing required: no ratio").isNull();
      assertThat(u.status()).isEqualTo(MarginStatus.HEALTHY);
    });
    assertThat(close.state().ledger().hasRisk()).isFalse();

    AccountBook.Step later = step(close.state(), btc(3_000, 90_000), 3_000);
    assertThat(later.outputs()).isEmpty();
    assertThat(later.state()).isSameAs(close.state());
  }

  /**
   * Found by this test: a long option needs no margin, so its ratio is +∞ before and after it is closed; the final
   * valuation sees no move and no status change and emits nothing, so the last update still shows the equity of the
   * option's last revaluation, not the 10,100 the books hold (README "Invariants": every account left flat must show
   * in its last margin update exactly the equity its own events give it).
   */
  @Disabled("v0.1 behaviour kept while outputs must stay byte-identical (issue 13); to decide, in "
      + "AccountBook.updateDue: no final update for a flat account"
      + " whose ratio was already infinite")
  @Test
  void anAccountThatClosedItsLastLongOptionGetsAFinalUpdate() {
    List<Instrument> listed = List.of(Fixtures.BTC_CALL_120K);
    long now = Fixtures.NOW;
    AccountBook.Step open = step(null, market(now, false, Map.of("BTC", 100_000.0), listed), now, opened("erin", 1),
        deposit("erin", 2, "USD", "10000"), trade("erin", 3, Fixtures.BTC_CALL_120K.id(), "1", "2000", "0"));
    assertThat(only(MarginUpdated.class, open)).hasSize(1);
    AccountBook.Step close = step(open.state(), market(now + 1_000, false, Map.of("BTC", 100_000.0), listed),
        now + 1_000, trade("erin", 4, Fixtures.BTC_CALL_120K.id(), "-1", "2100", "0"));
    // 10,000 − 2,000 + 2,100.
    assertThat(only(MarginUpdated.class, close)).singleElement().satisfies(u ->
        assertThat(u.equity()).isEqualByComparingTo("10100"));
  }

  @Test
  void positionsInProfitAreReportedForDeleveragingWithTheUpdate() {
    // Long from 100,000 at 101,000: in profit; bankruptcy 101,000 − equity 8,400 / 1 = 92,600.
    AccountBook.Step up = step(bob(), btc(2_000, 101_000), 2_000);
    assertThat(kinds(up)).containsExactly(MarginUpdated.class, AdlPositionReported.class);
    assertThat(only(AdlPositionReported.class, up).get(0).position()).satisfies(p -> {
      assertThat(p.instrumentId()).isEqualTo("BTC-PERP");
      assertThat(p.accountId()).isEqualTo("bob");
      assertThat(p.time()).isEqualTo(2_000);
      assertThat(p.quantity()).isEqualTo(1);
      assertThat(p.entryPrice()).isCloseTo(100_000, within(TOLERANCE_PRICE));
      assertThat(p.markPrice()).isCloseTo(101_000, within(TOLERANCE_PRICE));
      assertThat(p.bankruptcyPrice()).isCloseTo(92_600, within(TOLERANCE_PRICE));
    });
    // At a loss: the update comes alone.
    assertThat(kinds(step(bob(), btc(2_000, 99_000), 2_000))).containsExactly(MarginUpdated.class);

    // Sam is short 1 from 100,000 with 7,400: in profit at 99,000, bankruptcy 99,000 + 8,400 = 107,400.
    AccountState sam = step(null, btc(1_000, 100_000), 1_000, opened("sam", 1), deposit("sam", 2, "USD", "7400"),
        trade("sam", 3, "BTC-PERP", "-1", "100000", "0")).state();
    AccountBook.Step down = step(sam, btc(2_000, 99_000), 2_000);
    assertThat(only(AdlPositionReported.class, down)).singleElement().satisfies(r -> {
      assertThat(r.position().quantity()).isEqualTo(-1);
      assertThat(r.position().bankruptcyPrice()).isCloseTo(107_400, within(TOLERANCE_PRICE));
    });
  }

  // ---- liquidation and escalation --------------------------------------------------------------------------------

  @Test
  void underMaintenanceOnALivePriceItOrdersTheSmallestPartialLiquidation() {
    AccountBook.Step s = bobLiquidated();
    assertThat(kinds(s)).containsExactly(MarginUpdated.class, LiquidationOrdered.class);
    MarginUpdated update = only(MarginUpdated.class, s).get(0);
    assertThat(update.sequence()).isEqualTo(2);
    assertThat(update.status()).isEqualTo(MarginStatus.LIQUIDATABLE);
    assertThat(update.equity()).isEqualByComparingTo("400");
    assertThat(update.maintenanceMargin()).isCloseTo(d("465"), within(SATOSHI));
    assertThat(update.marginRatio()).isCloseTo(400.0 / 465, within(TOLERANCE_RATIO));

    // Selling q at 93,000 costs a penalty of 0.002 × 93,000 q = 186 q; the target needs
    // 400 − 186 q ≥ 1.25 × 465 × (1 − q), q ≥ 181.25 / 395.25 = 0.45857: 459 lots.
    LiquidationOrdered order = only(LiquidationOrdered.class, s).get(0);
    assertThat(order.orderId()).isEqualTo("bob/1/1/BTC-PERP");
    assertThat(order.accountId()).isEqualTo("bob");
    assertThat(order.instrumentId()).isEqualTo("BTC-PERP");
    assertThat(order.time()).isEqualTo(11_000);
    assertThat(order.side()).isEqualTo(-1);
    assertThat(order.quantity()).isEqualByComparingTo("0.459");
    assertThat(order.quantity().scale()).isEqualTo(8);
    // Bankruptcy 93,000 − 400 / 1 = 92,600: the sell's limit. Penalty at the mark 0.002 × 0.459 × 93,000.
    assertThat(order.limitPrice()).isEqualByComparingTo("92600");
    assertThat(order.bankruptcyPrice()).isEqualByComparingTo("92600");
    assertThat(order.markPrice()).isEqualByComparingTo("93000");
    assertThat(order.penalty()).isEqualByComparingTo("85.374");
    assertThat(order.kind()).isEqualTo(LiquidationKind.PARTIAL);
    assertThat(order.marginRatio()).isCloseTo(400.0 / 465, within(TOLERANCE_RATIO));
    assertThat(order.targetMarginRatio()).isEqualTo(1.25);
    assertThat(order.attempt()).isEqualTo(1);

    PendingLiquidation pending = s.state().pending();
    assertThat(pending.number()).isEqualTo(1);
    assertThat(pending.attempt()).isEqualTo(1);
    assertThat(pending.deadline()).isEqualTo(11_000 + TIMEOUT);
    assertThat(pending.escalates()).isTrue();
    assertThat(pending.orders()).singleElement().satisfies(o -> {
      assertThat(o.orderId()).isEqualTo("bob/1/1/BTC-PERP");
      assertThat(o.side()).isEqualTo(-1);
      assertThat(o.remaining()).isEqualByComparingTo("0.459");
      assertThat(o.bankruptcyPrice()).isEqualByComparingTo("92600");
      assertThat(o.penaltyRate()).isEqualByComparingTo("0.002");
    });
    assertThat(s.state().memory().liquidations()).isEqualTo(1);
  }

  @Test
  void aStalePriceValuesTheAccountButNeverLiquidatesIt() {
    AccountBook.Step stale = step(bob(), staleBtc(11_000, 93_000), 11_000);
    assertThat(kinds(stale)).containsExactly(MarginUpdated.class);
    assertThat(only(MarginUpdated.class, stale).get(0).status()).isEqualTo(MarginStatus.LIQUIDATABLE);
    assertThat(stale.state().pending()).isNull();
    AccountBook.Step fresh = step(stale.state(), btc(12_000, 93_000), 12_000);
    assertThat(only(LiquidationOrdered.class, fresh)).extracting(LiquidationOrdered::orderId)
        .containsExactly("bob/1/1/BTC-PERP");
    assertThat(fresh.state().pending().deadline()).isEqualTo(12_000 + TIMEOUT);
  }

  @Test
  void onlyOneLiquidationAtATime() {
    AccountState pending = bobLiquidated().state();
    AccountBook.Step again = step(pending, btc(12_000, 93_000), 12_000);
    assertThat(again.outputs()).isEmpty();
    assertThat(again.state()).isSameAs(pending);
    // Lower still just before the deadline (equity 200, MM 464): an update, no second order.
    AccountBook.Step lower = step(pending, btc(11_000 + TIMEOUT - 1, 92_800), 11_000 + TIMEOUT - 1);
    assertThat(kinds(lower)).containsExactly(MarginUpdated.class);
    assertThat(lower.state().pending()).isEqualTo(pending.pending());
  }

  @Test
  void anOrderUnfilledAtItsDeadlineIsReplannedAtThatInstantsMark() {
    AccountState pending = bobLiquidated().state();
    // At 41 s the mark is 93,050: equity 450, MM 465.25, penalty 0.002 × 93,050 q = 186.1 q;
    // 450 − 186.1 q ≥ 1.25 × 465.25 × (1 − q) gives q ≥ 131.5625 / 395.4625 = 0.33268: 333 lots.
    AccountBook.Step replan = step(pending, btc(41_000, 93_050), 41_000);
    assertThat(only(LiquidationOrdered.class, replan)).singleElement().satisfies(o -> {
      assertThat(o.orderId()).isEqualTo("bob/1/2/BTC-PERP");
      assertThat(o.kind()).isEqualTo(LiquidationKind.REPLAN);
      assertThat(o.attempt()).isEqualTo(2);
      assertThat(o.quantity()).isEqualByComparingTo("0.333");
      // Bankruptcy 93,050 − 450 = 92,600 still; penalty 0.002 × 0.333 × 93,050 = 61.9713.
      assertThat(o.limitPrice()).isEqualByComparingTo("92600");
      assertThat(o.markPrice()).isEqualByComparingTo("93050");
      assertThat(o.penalty()).isEqualByComparingTo("61.9713");
      assertThat(o.marginRatio()).isCloseTo(450 / 465.25, within(TOLERANCE_RATIO));
    });
    PendingLiquidation next = replan.state().pending();
    assertThat(next.number()).isEqualTo(1);
    assertThat(next.attempt()).isEqualTo(2);
    assertThat(next.deadline()).isEqualTo(41_000 + TIMEOUT);
    // The replaced order is still known (a late fill settles) but no longer outstanding.
    assertThat(next.orders()).extracting(PendingOrder::orderId).containsExactly("bob/1/1/BTC-PERP",
        "bob/1/2/BTC-PERP");
    assertThat(next.orders()[0].remaining()).isZero();
    assertThat(next.orders()[1].remaining()).isEqualByComparingTo("0.333");
  }

  @Test
  void anEscalationDueOnAStalePriceWaitsForTheFirstFreshOne() {
    AccountState pending = bobLiquidated().state();
    AccountBook.Step stale = step(pending, staleBtc(41_000, 93_000), 41_000);
    assertThat(only(LiquidationOrdered.class, stale)).isEmpty();
    assertThat(stale.state().pending()).isEqualTo(pending.pending());
    AccountBook.Step fresh = step(stale.state(), btc(45_000, 93_000), 45_000);
    assertThat(only(LiquidationOrdered.class, fresh)).extracting(LiquidationOrdered::orderId, LiquidationOrdered::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("bob/1/2/BTC-PERP", LiquidationKind.REPLAN));
    assertThat(fresh.state().pending().deadline()).isEqualTo(45_000 + TIMEOUT);
  }

  @Test
  void afterItsReplansTheFundTakesOverEveryPositionAndNothingEscalatesAfter() {
    AccountState replanned = step(bobLiquidated().state(), btc(41_000, 93_000), 41_000).state();
    assertThat(replanned.pending().attempt()).isEqualTo(2);

    AccountBook.Step takeover = step(replanned, btc(71_000, 93_000), 71_000);
    assertThat(takeover.outputs()).singleElement().isInstanceOfSatisfying(LiquidationOrdered.class, o -> {
      assertThat(o.orderId()).isEqualTo("bob/1/3/BTC-PERP");
      assertThat(o.kind()).isEqualTo(LiquidationKind.TAKEOVER);
      assertThat(o.attempt()).isEqualTo(3);
      assertThat(o.side()).isEqualTo(-1);
      assertThat(o.quantity()).as("the whole position").isEqualByComparingTo("1");
      // README "Guarantees": a takeover is a market order, a sell limited at the lowest price on the wire.
      assertThat(o.limitPrice()).isEqualByComparingTo("0.00000001");
      assertThat(o.bankruptcyPrice()).isEqualByComparingTo("92600");
      assertThat(o.penalty()).isZero();
    });
    assertThat(takeover.state().pending().deadline()).isEqualTo(71_000 + TIMEOUT);

    AccountBook.Step stuck = step(takeover.state(), btc(101_000, 93_000), 101_000);
    assertThat(stuck.outputs()).isEmpty();
    PendingLiquidation left = stuck.state().pending();
    assertThat(left.attempt()).isEqualTo(4);
    assertThat(left.deadline()).isEqualTo(PendingLiquidation.NO_DEADLINE).isEqualTo(Long.MAX_VALUE);
    assertThat(left.escalates()).isFalse();
    assertThat(left.orders()).extracting(PendingOrder::remaining).usingElementComparator(BigDecimal::compareTo)
        .containsExactly(d("0"), d("0"), d("1"));

    AccountBook.Step later = step(stuck.state(), btc(1_101_000, 93_000), 1_101_000);
    assertThat(later.outputs()).isEmpty();
    assertThat(later.state()).isSameAs(stuck.state());
  }

  @Test
  void withoutReplansTheFirstEscalationIsTheTakeover() {
    AccountBook noReplans = new AccountBook(PARAMETERS, new AccountBook.Settings(0.05, HEARTBEAT, TIMEOUT, 0,
        LiquidationMode.PARTIAL, "USD", 300_000));
    AccountState pending = noReplans.step(bob(), List.of(), btc(11_000, 93_000), 11_000).state();
    AccountBook.Step escalated = noReplans.step(pending, List.of(), btc(41_000, 93_000), 41_000);
    assertThat(only(LiquidationOrdered.class, escalated)).extracting(LiquidationOrdered::orderId,
        LiquidationOrdered::kind).containsExactly(org.assertj.core.groups.Tuple.tuple("bob/1/2/BTC-PERP",
            LiquidationKind.TAKEOVER));
  }

  @Test
  void recoveryAboveMaintenanceByTheDeadlineEndsTheLiquidation() {
    AccountState pending = bobLiquidated().state();
    // 95,000: equity 2,400, MM 475, ratio 5.05.
    AccountBook.Step recovered = step(pending, btc(41_000, 95_000), 41_000);
    assertThat(kinds(recovered)).containsExactly(MarginUpdated.class);
    assertThat(only(MarginUpdated.class, recovered).get(0).status()).isEqualTo(MarginStatus.HEALTHY);
    assertThat(recovered.state().pending()).isNull();
    // A later fall starts the next liquidation, numbered 2.
    AccountBook.Step next = step(recovered.state(), btc(50_000, 93_000), 50_000);
    assertThat(only(LiquidationOrdered.class, next)).extracting(LiquidationOrdered::orderId, LiquidationOrdered::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("bob/2/1/BTC-PERP", LiquidationKind.PARTIAL));
  }

  /**
   * README "The account and auction books": "Recovery above maintenance before the deadline ends the liquidation."
   * The book keeps the pending liquidation until its deadline (the clearing branch is only reached when escalating),
   * so a fall before the deadline is not a new liquidation but, at the deadline, a REPLAN of the old one.
   */
  @Disabled("v0.1 behaviour kept while outputs must stay byte-identical (issue 13); to decide, in "
      + "AccountBook.liquidate: recovery before the deadline does not"
      + " end the liquidation until the deadline")
  @Test
  void recoveryBeforeTheDeadlineEndsTheLiquidationAtOnce() {
    AccountState pending = bobLiquidated().state();
    AccountBook.Step recovered = step(pending, btc(20_000, 95_000), 20_000);
    assertThat(recovered.state().pending()).isNull();
    AccountBook.Step fallsAgain = step(recovered.state(), btc(30_000, 93_000), 30_000);
    assertThat(only(LiquidationOrdered.class, fallsAgain)).extracting(LiquidationOrdered::orderId)
        .containsExactly("bob/2/1/BTC-PERP");
  }

  // ---- settlement of liquidation fills ---------------------------------------------------------------------------

  @Test
  void aFillThatBeatsBankruptcyPaysThePenaltyAndEndsTheLiquidation() {
    AccountState pending = bobLiquidated().state();
    AccountBook.Step fill = step(pending, btc(20_000, 93_000), 20_000,
        liquidationFill(4, "bob/1/1/BTC-PERP", "-0.459", "92900"));
    assertThat(kinds(fill)).containsExactly(FillSettled.class, MarginUpdated.class, MarginCalled.class);
    FillSettled settled = only(FillSettled.class, fill).get(0);
    assertThat(settled.fundId()).isEqualTo("usd");
    assertThat(settled.time()).isEqualTo(20_000);
    assertThat(settled.accountId()).isEqualTo("bob");
    assertThat(settled.sequence()).isEqualTo(4);
    assertThat(settled.instrumentId()).isEqualTo("BTC-PERP");
    assertThat(settled.orderId()).isEqualTo("bob/1/1/BTC-PERP");
    // min(⌈0.002 × 0.459 × 92,900⌉ = 85.2822, ⌊0.459 × (92,900 − 92,600)⌋ = 137.7).
    assertThat(settled.penalty()).isEqualByComparingTo("85.2822");
    assertThat(settled.deficit()).isZero();
    assertThat(settled.positionSide()).isEqualTo(1);
    assertThat(settled.bankruptcyPrice()).isCloseTo(92_600, within(TOLERANCE_PRICE));
    assertThat(settled.markPrice()).isCloseTo(92_900, within(TOLERANCE_PRICE));
    assertThat(settled.contractSize()).isEqualTo(1);
    assertThat(settled.lotSize()).isEqualTo(0.001);
    assertThat(fill.state().pending()).as("filled: nothing pending").isNull();

    AccountLedger ledger = fill.state().ledger();
    // Cash −92,600 + 0.459 × 92,900 − 85.2822; realized 0.459 × (92,900 − 100,000).
    assertThat(ledger.cash()).isEqualByComparingTo("-50044.1822");
    assertThat(ledger.penalties()).isEqualByComparingTo("85.2822");
    assertThat(ledger.realizedPnl()).isEqualByComparingTo("-3258.9");
    assertThat(ledger.position("BTC-PERP").quantity()).isEqualByComparingTo("0.541");

    // Equity −50,044.1822 + 0.541 × 93,000 = 268.8178 exactly; MM 0.005 × 50,313 = 251.565; ratio 1.0686.
    MarginUpdated update = only(MarginUpdated.class, fill).get(0);
    assertThat(update.equity()).isEqualByComparingTo("268.8178");
    assertThat(update.maintenanceMargin()).isCloseTo(d("251.565"), within(SATOSHI));
    assertThat(update.status()).isEqualTo(MarginStatus.MARGIN_CALL);
    assertThat(update.marginRatio()).isCloseTo(268.8178 / 251.565, within(TOLERANCE_RATIO));
  }

  @Test
  void aFillBelowBankruptcyIsADeficitTheFundPays() {
    AccountState pending = bobLiquidated().state();
    AccountBook.Step fill = step(pending, btc(20_000, 93_000), 20_000,
        liquidationFill(4, "bob/1/1/BTC-PERP", "-0.459", "92500"));
    FillSettled settled = only(FillSettled.class, fill).get(0);
    // ⌈0.459 × (92,600 − 92,500)⌉ = 45.9.
    assertThat(settled.penalty()).isZero();
    assertThat(settled.deficit()).isEqualByComparingTo("45.9");
    AccountLedger ledger = fill.state().ledger();
    assertThat(ledger.deficitsCovered()).isEqualByComparingTo("45.9");
    assertThat(ledger.penalties()).isZero();
    // −92,600 + 0.459 × 92,500 + 45.9.
    assertThat(ledger.cash()).isEqualByComparingTo("-50096.6");
    // Equity −50,096.6 + 0.541 × 93,000 = 216.4 = 0.541 × 400: still at ratio 0.86, so liquidation number 2 follows
    // at once: 216.4 − 186 q ≥ 1.25 × 465 × (0.541 − q) gives q ≥ 98.05625 / 395.25 = 0.24809: 249 lots.
    assertThat(only(LiquidationOrdered.class, fill)).singleElement().satisfies(o -> {
      assertThat(o.orderId()).isEqualTo("bob/2/1/BTC-PERP");
      assertThat(o.quantity()).isEqualByComparingTo("0.249");
    });
  }

  @Test
  void aPartialFillReducesWhatThePendingOrderStillNeeds() {
    AccountState pending = bobLiquidated().state();
    AccountBook.Step fill = step(pending, btc(20_000, 93_000), 20_000,
        liquidationFill(4, "bob/1/1/BTC-PERP", "-0.2", "92900"));
    // min(⌈0.002 × 0.2 × 92,900⌉ = 37.16, ⌊0.2 × 300⌋ = 60).
    assertThat(only(FillSettled.class, fill)).singleElement().satisfies(s ->
        assertThat(s.penalty()).isEqualByComparingTo("37.16"));
    PendingLiquidation left = fill.state().pending();
    assertThat(left.orders()).singleElement().satisfies(o ->
        assertThat(o.remaining()).isEqualByComparingTo("0.259"));
    assertThat(left.deadline()).isEqualTo(pending.pending().deadline());
    assertThat(left.attempt()).isEqualTo(1);
    assertThat(only(LiquidationOrdered.class, fill)).as("still one at a time").isEmpty();
    // Equity 400 − 37.16 − 0.2 × (93,000 − 92,900) = 342.84; MM 0.005 × 0.8 × 93,000 = 372.
    assertThat(only(MarginUpdated.class, fill)).singleElement().satisfies(u -> {
      assertThat(u.equity()).isEqualByComparingTo("342.84");
      assertThat(u.marginRatio()).isCloseTo(342.84 / 372, within(TOLERANCE_RATIO));
    });
  }

  @Test
  void aLateFillOfAReplacedOrderStillSettles() {
    AccountState replanned = step(bobLiquidated().state(), btc(41_000, 93_000), 41_000).state();
    AccountBook.Step late = step(replanned, btc(42_000, 93_000), 42_000,
        liquidationFill(4, "bob/1/1/BTC-PERP", "-0.459", "92900"));
    assertThat(only(FillSettled.class, late)).singleElement().satisfies(s -> {
      assertThat(s.orderId()).isEqualTo("bob/1/1/BTC-PERP");
      assertThat(s.penalty()).isEqualByComparingTo("85.2822");
    });
    // The replan is still outstanding.
    assertThat(late.state().pending().attempt()).isEqualTo(2);
    assertThat(late.state().pending().orders()[1].remaining()).isEqualByComparingTo("0.459");
  }

  /**
   * Found by this test: once the replan's order filled, the pending liquidation is dropped with the replaced order in
   * it, so the replaced order's own late fill (the book never cancels it at the venue) settles as a plain trade: no
   * penalty, and no deficit should it fill below bankruptcy.
   */
  @Disabled("v0.1 behaviour kept while outputs must stay byte-identical (issue 13); to decide, in "
      + "AccountBook.apply: a late fill of a replaced order is not"
      + " settled once the liquidation's later order has filled")
  @Test
  void aLateFillOfAReplacedOrderSettlesEvenAfterTheReplanFilled() {
    AccountState replanned = step(bobLiquidated().state(), btc(41_000, 93_000), 41_000).state();
    AccountState replanFilled = step(replanned, btc(42_000, 93_000), 42_000,
        liquidationFill(4, "bob/1/2/BTC-PERP", "-0.459", "92900")).state();
    AccountBook.Step late = step(replanFilled, btc(43_000, 93_000), 43_000,
        liquidationFill(5, "bob/1/1/BTC-PERP", "-0.459", "92900"));
    assertThat(only(FillSettled.class, late)).singleElement().satisfies(s ->
        assertThat(s.penalty()).isEqualByComparingTo("85.2822"));
  }

  /**
   * Found by this test: a TAKEOVER order is emitted with a penalty of 0, but its pending order carries the
   * contract's penalty rate, so its fill above bankruptcy is charged min(⌈0.002 × 92,900⌉, ⌊300⌋) = 185.8.
   */
  @Disabled("v0.1 behaviour kept while outputs must stay byte-identical (issue 13); to decide, in "
      + "AccountBook.liquidate: a takeover announced without penalty"
      + " is charged one when it fills")
  @Test
  void aTakeoverFillIsChargedThePenaltyItsOrderAnnounced() {
    AccountState replanned = step(bobLiquidated().state(), btc(41_000, 93_000), 41_000).state();
    AccountBook.Step takeover = step(replanned, btc(71_000, 93_000), 71_000);
    BigDecimal announced = only(LiquidationOrdered.class, takeover).get(0).penalty();
    AccountBook.Step fill = step(takeover.state(), btc(72_000, 93_000), 72_000,
        liquidationFill(4, "bob/1/3/BTC-PERP", "-1", "92900"));
    assertThat(only(FillSettled.class, fill)).singleElement().satisfies(s ->
        assertThat(s.penalty()).isEqualByComparingTo(announced));
  }

  // ---- modes -----------------------------------------------------------------------------------------------------

  @Test
  void fullModeClosesEveryPosition() {
    AccountBook full = new AccountBook(PARAMETERS, new AccountBook.Settings(0.05, HEARTBEAT, TIMEOUT, 1,
        LiquidationMode.FULL, "USD", 300_000));
    List<AccountEvent> open = List.of(opened("fay", 1), deposit("fay", 2, "USD", "7400"),
        trade("fay", 3, "BTC-PERP", "1", "100000", "0"), trade("fay", 4, "ETH-PERP", "-10", "4000", "0"));
    AccountState fay = full.step(null, open, prices(1_000, 100_000, 4_000), 1_000).state();
    // At BTC 93,000, ETH 4,000: equity 400, MM 465 + 200 = 665, ratio 0.60. Bankruptcy: BTC 93,000 − 400 / 1 =
    // 92,600; ETH 4,000 − 400 / (−10) = 4,040. Penalties at the mark: 0.002 × 93,000 = 186, 0.002 × 40,000 = 80.
    AccountBook.Step s = full.step(fay, List.of(), prices(11_000, 93_000, 4_000), 11_000);
    List<LiquidationOrdered> orders = only(LiquidationOrdered.class, s);
    assertThat(orders).extracting(LiquidationOrdered::orderId).containsExactly("fay/1/1/BTC-PERP",
        "fay/1/1/ETH-PERP");
    assertThat(orders).extracting(LiquidationOrdered::kind).containsOnly(LiquidationKind.FULL);
    assertThat(orders.get(0).side()).isEqualTo(-1);
    assertThat(orders.get(0).quantity()).isEqualByComparingTo("1");
    assertThat(orders.get(0).limitPrice()).isEqualByComparingTo("92600");
    assertThat(orders.get(0).penalty()).isEqualByComparingTo("186");
    assertThat(orders.get(1).side()).isEqualTo(1);
    assertThat(orders.get(1).quantity()).isEqualByComparingTo("10");
    assertThat(orders.get(1).limitPrice()).isEqualByComparingTo("4040");
    assertThat(orders.get(1).penalty()).isEqualByComparingTo("80");

    // Partial mode closes BTC (after it, (400 − 186) / 200 = 1.07 is still short of 1.25) and then only enough ETH:
    // 214 − 8 e ≥ 1.25 × 20 × (10 − e), e ≥ 36 / 17 = 2.1176: 212 lots of 0.01.
    AccountState partialFay = book.step(null, open, prices(1_000, 100_000, 4_000), 1_000).state();
    List<LiquidationOrdered> partial = only(LiquidationOrdered.class,
        book.step(partialFay, List.of(), prices(11_000, 93_000, 4_000), 11_000));
    assertThat(partial).extracting(LiquidationOrdered::kind).containsOnly(LiquidationKind.PARTIAL);
    assertThat(partial).extracting(LiquidationOrdered::quantity).usingElementComparator(BigDecimal::compareTo)
        .containsExactly(d("1"), d("2.12"));
  }

  @Test
  void aLendingAccountReportsItsHealthWhileUnderwaterAndOnceWhenItRecoversAndIsNeverGivenOrders() {
    // Dan: 5 ETH against 9,000 USDC. Health factor = 5 × 2,000 × 0.8 / 9,000 = 0.8889 (Aave: Σ collateral × LT / debt).
    AccountBook.Step open = step(null, eth(1_000, 2_000, false), 1_000,
        new AccountEvent.Opened("dan", 1, MarginMode.LENDING, "none", Account.QUOTE), deposit("dan", 2, "ETH", "5"),
        new AccountEvent.Borrow("dan", 3, "USDC", d("9000")));
    assertThat(kinds(open)).containsExactly(MarginUpdated.class, LendingHealth.class);
    MarginUpdated update = only(MarginUpdated.class, open).get(0);
    assertThat(update.mode()).isEqualTo(MarginMode.LENDING);
    assertThat(update.equity()).as("threshold-weighted collateral").isEqualByComparingTo("8000");
    assertThat(update.maintenanceMargin()).as("the debt's value").isCloseTo(d("9000"), within(SATOSHI));
    assertThat(update.marginRatio()).isCloseTo(8_000.0 / 9_000, within(TOLERANCE_RATIO));
    assertThat(update.status()).isEqualTo(MarginStatus.LIQUIDATABLE);
    assertThat(only(LendingHealth.class, open).get(0).status()).satisfies(h -> {
      assertThat(h.accountId()).isEqualTo("dan");
      assertThat(h.time()).isEqualTo(1_000);
      assertThat(h.healthFactor()).isCloseTo(8_000.0 / 9_000, within(TOLERANCE_RATIO));
      assertThat(h.collateralAsset()).isEqualTo("ETH");
      assertThat(h.collateralUnits()).isEqualTo(5);
      assertThat(h.collateralPrice()).isCloseTo(2_000, within(TOLERANCE_PRICE));
      assertThat(h.debtAsset()).isEqualTo("USDC");
      assertThat(h.debtUnits()).isEqualTo(9_000);
      assertThat(h.debtPrice()).isCloseTo(1, within(TOLERANCE_PRICE));
      assertThat(h.totalCollateralValue()).isCloseTo(10_000, within(TOLERANCE_PRICE));
      assertThat(h.liquidationBonus()).isEqualTo(0.05);
      assertThat(h.protocolFeeRate()).isEqualTo(0.1);
    });
    assertThat(open.state().pending()).isNull();

    // Still underwater, unchanged: told again, though nothing is worth keeping.
    AccountBook.Step still = step(open.state(), eth(2_000, 2_000, false), 2_000);
    assertThat(kinds(still)).containsExactly(LendingHealth.class);
    assertThat(still.state()).isSameAs(open.state());

    // 2,400: 9,600 / 9,000 = 1.0667, above 1 but under the warning level: told once more.
    AccountBook.Step recovers = step(still.state(), eth(3_000, 2_400, false), 3_000);
    assertThat(kinds(recovers)).containsExactly(MarginUpdated.class, MarginCalled.class, LendingHealth.class);
    assertThat(only(LendingHealth.class, recovers).get(0).status().healthFactor()).isCloseTo(9_600.0 / 9_000,
        within(TOLERANCE_RATIO));

    // 2,500: 10,000 / 9,000 = 1.1111, a 4.2% move: no update and nothing for the auctions.
    AccountBook.Step after = step(recovers.state(), eth(4_000, 2_500, false), 4_000);
    assertThat(after.outputs()).isEmpty();
    assertThat(after.state()).isSameAs(recovers.state());
  }

  /**
   * Found by this test: README "Guarantees": "A stale oracle price values accounts but never liquidates". A lending
   * account is reported to the auctions before the staleness check, and the auction book starts an auction on any
   * health report under 1, so a stale collateral price starts a Dutch auction.
   */
  @Disabled("v0.1 behaviour kept while outputs must stay byte-identical (issue 13); to decide, in "
      + "AccountBook.value: a stale price reports a lending account"
      + " to the auctions")
  @Test
  void aLendingAccountIsNotReportedToTheAuctionsOnAStalePrice() {
    AccountBook.Step stale = step(null, eth(1_000, 2_000, true), 1_000,
        new AccountEvent.Opened("dan", 1, MarginMode.LENDING, "none", Account.QUOTE), deposit("dan", 2, "ETH", "5"),
        new AccountEvent.Borrow("dan", 3, "USDC", d("9000")));
    assertThat(only(MarginUpdated.class, stale)).hasSize(1);
    assertThat(only(LendingHealth.class, stale)).isEmpty();
  }

  @Test
  void aStepThatChangesNothingWorthKeepingReturnsTheSameState() {
    AccountState bob = bob();
    assertThat(step(bob, btc(2_000, 100_000), 2_000).state()).isSameAs(bob);
    assertThat(step(bob, btc(2_000, 100_010), 2_000).state()).as("a move under the step").isSameAs(bob);
    assertThat(step(bob, btc(2_000, 100_000), 2_000, opened("bob", 9)).state()).as("a refused event").isSameAs(bob);
  }
}
