package dev.solvent.risk.book;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.risk.account.Account;
import dev.solvent.risk.account.MarginMode;
import dev.solvent.risk.account.RiskParameters;
import dev.solvent.risk.account.UnderlyingConditions;
import dev.solvent.risk.book.AccountOutput.BidAssessed;
import dev.solvent.risk.book.AccountOutput.FillSettled;
import dev.solvent.risk.book.AccountOutput.LiquidationOrdered;
import dev.solvent.risk.book.AccountOutput.PortfolioOffered;
import dev.solvent.risk.instrument.LinearContract;
import dev.solvent.risk.liquidation.LiquidationKind;
import dev.solvent.risk.liquidation.LiquidationMode;
import dev.solvent.risk.margin.DynamicMargin;
import dev.solvent.risk.margin.MarginSchedule;
import dev.solvent.risk.portfolio.RiskArrayCalculator;
import dev.solvent.risk.portfolio.ScenarioGrid;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The account book with the risk auction on (window 10 s, grace 5 s), on AccountBookTest's numbers: BTC-PERP, MM 0.5 %
 * of notional, IM notional / 100, penalty 0.2 %. Bob pays in 7,400 and buys 1 at 100,000 (bankrupt at 92,600); at
 * 93,000 his equity is 400 against MM 465: under maintenance.
 */
class RiskAuctionBookTest {

  private static final LinearContract BTC = new LinearContract("BTC-PERP", "BTC", 0, 1, 0.001,
      MarginSchedule.flat(100, 0.005), 0.002, "usd");
  private static final RiskParameters PARAMETERS = RiskParameters.DEFAULT.withDynamic(DynamicMargin.OFF);
  private static final AccountBook BOOK = new AccountBook(PARAMETERS, new AccountBook.Settings(0.05, 3_600_000,
      30_000, 1, LiquidationMode.PARTIAL, "USD", 300_000, new RiskAuction(true, 10_000, 5_000)));

  private static Market btc(long time, double price) {
    PricedInstrument priced = new PricedInstrument(BTC, BigDecimal.ONE,
        new RiskArrayCalculator(ScenarioGrid.DEFAULT).compute(BTC, price, 0.6, 0, time), UnderlyingConditions.UNKNOWN,
        false, time);
    return id -> id.equals("BTC-PERP") ? priced : null;
  }

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  /** Bob's account after his trade, and the step at 93,000 that offers it. */
  private static AccountBook.Step offered() {
    AccountBook.Step open = BOOK.step(null, List.of(
        new AccountEvent.Opened("bob", 1, MarginMode.CROSS, "usd", Account.QUOTE),
        new AccountEvent.Deposit("bob", 2, "USD", d("7400")),
        new AccountEvent.Trade("bob", 3, "BTC-PERP", d("1"), d("100000"), BigDecimal.ZERO)), btc(0, 100_000), 0);
    return BOOK.step(open.state(), List.of(), btc(1_000, 93_000), 1_000);
  }

  @Test
  void anAccountUnderMaintenanceIsOfferedWholeBeforeAnySale() {
    AccountBook.Step step = offered();
    assertThat(step.outputs()).noneMatch(LiquidationOrdered.class::isInstance);
    PortfolioOffered offer = only(step.outputs(), PortfolioOffered.class);
    assertThat(offer.offerId()).isEqualTo("bob/1");
    assertThat(offer.closesAt()).isEqualTo(11_000);
    assertThat(offer.equity()).isEqualByComparingTo("400");
    assertThat(offer.maintenanceMargin()).isEqualByComparingTo("465");
    assertThat(offer.initialMargin()).isEqualByComparingTo("930");
    assertThat(offer.worstScenarioLoss().signum()).as("a long loses in the down scenarios").isPositive();
    assertThat(offer.positions()).singleElement().satisfies(p -> {
      assertThat(p.orderId()).isEqualTo("bob/1/0/BTC-PERP");
      assertThat(p.quantity()).isEqualByComparingTo("1");
      assertThat(p.markPrice()).isEqualByComparingTo("93000");
      assertThat(p.bankruptcyPrice()).isEqualByComparingTo("92600");
    });
    assertThat(step.state().pending().offer()).isTrue();
    assertThat(step.state().pending().deadline()).as("close + grace").isEqualTo(16_000);
    // Still under maintenance before the deadline: nothing more.
    AccountBook.Step later = BOOK.step(step.state(), List.of(), btc(12_000, 92_900), 12_000);
    assertThat(later.outputs()).noneMatch(o -> o instanceof LiquidationOrdered || o instanceof PortfolioOffered);
  }

  @Test
  void aTakeoverAtTheBidLeavesTheAccountThePriceAndNoPenalty() {
    // Won at 150: the venue closes bob's 1 at BP + 150 = 92,750 (the provider opens it at the same price).
    AccountBook.Step step = offered();
    AccountBook.Step booked = BOOK.step(step.state(), List.of(new AccountEvent.LiquidationFill("bob", 4,
        "BTC-PERP", "bob/1/0/BTC-PERP", d("-1"), d("92750"), BigDecimal.ZERO)), btc(12_000, 93_000), 12_000);
    FillSettled settled = only(booked.outputs(), FillSettled.class);
    assertThat(settled.penalty()).isZero();
    assertThat(settled.deficit()).isZero();
    assertThat(booked.state().ledger().cash()).isEqualByComparingTo("150");
    assertThat(booked.state().ledger().hasRisk()).isFalse();
    assertThat(booked.state().pending()).isNull();
  }

  @Test
  void aNegativeBidIsADeficitTheFundPays() {
    // Won at −100: the fill at 92,600 − 100 = 92,500 is 100 below bob's bankruptcy price.
    AccountBook.Step booked = BOOK.step(offered().state(), List.of(new AccountEvent.LiquidationFill("bob", 4,
        "BTC-PERP", "bob/1/0/BTC-PERP", d("-1"), d("92500"), BigDecimal.ZERO)), btc(12_000, 93_000), 12_000);
    FillSettled settled = only(booked.outputs(), FillSettled.class);
    assertThat(settled.deficit()).isEqualByComparingTo("100");
    assertThat(booked.state().ledger().cash()).as("the fund covered it").isEqualByComparingTo("0");
  }

  @Test
  void noTakeoverByTheDeadlineFallsBackToThePartialLiquidation() {
    AccountBook.Step fallback = BOOK.step(offered().state(), List.of(), btc(16_000, 93_000), 16_000);
    LiquidationOrdered order = only(fallback.outputs(), LiquidationOrdered.class);
    assertThat(order.kind()).isEqualTo(LiquidationKind.PARTIAL);
    assertThat(order.orderId()).isEqualTo("bob/1/1/BTC-PERP");
    assertThat(order.bankruptcyPrice()).isEqualByComparingTo("92600");
    assertThat(order.penalty().signum()).isPositive();
    assertThat(fallback.state().pending().offer()).isFalse();
  }

  @Test
  void aBidIsAcceptableWhenTheProviderStaysAboveInitialMarginAfterTheTakeover() {
    // pam (1,000) bids 150 for bob's portfolio (equity 400 at 93,000): after it, 1,000 + 400 − 150 = 1,250 against
    // the IM of 1 BTC at 93,000, 930. With 500 she would have 750: refused.
    AccountEvent.BidPlaced bid = new AccountEvent.BidPlaced("pam", 3, "bob/1", d("150"), d("400"),
        List.of(new AccountEvent.BidPosition("BTC-PERP", d("1"), d("93000"))));
    BidAssessed rich = assess("pam", "1000", bid);
    assertThat(rich.acceptable()).isTrue();
    assertThat(rich.equityAfter()).isEqualByComparingTo("1250");
    assertThat(rich.initialMarginAfter()).isEqualByComparingTo("930");
    BidAssessed poor = assess("pam", "500", bid);
    assertThat(poor.acceptable()).isFalse();
    assertThat(poor.equityAfter()).isEqualByComparingTo("750");
    assertThat(poor.reason()).contains("below its initial margin 930");
  }

  @Test
  void theBidIsValuedAtTodaysMarks() {
    // Offered at 93,000, bid on at 92,000: the portfolio lost 1,000, so pam (2,000) has 2,000 − 600 − 150 = 1,250
    // against an IM of 920.
    AccountEvent.BidPlaced bid = new AccountEvent.BidPlaced("pam", 3, "bob/1", d("150"), d("400"),
        List.of(new AccountEvent.BidPosition("BTC-PERP", d("1"), d("93000"))));
    AccountBook.Step open = BOOK.step(null, List.of(
        new AccountEvent.Opened("pam", 1, MarginMode.CROSS, "usd", Account.QUOTE),
        new AccountEvent.Deposit("pam", 2, "USD", d("2000"))), btc(0, 92_000), 0);
    BidAssessed a = only(BOOK.step(open.state(), List.of(bid), btc(5_000, 92_000), 5_000).outputs(),
        BidAssessed.class);
    assertThat(a.equityAfter()).isEqualByComparingTo("1250");
    assertThat(a.initialMarginAfter()).isEqualByComparingTo("920");
    assertThat(a.acceptable()).isTrue();
  }

  private static BidAssessed assess(String provider, String cash, AccountEvent.BidPlaced bid) {
    AccountBook.Step open = BOOK.step(null, List.of(
        new AccountEvent.Opened(provider, 1, MarginMode.CROSS, "usd", Account.QUOTE),
        new AccountEvent.Deposit(provider, 2, "USD", d(cash))), btc(0, 93_000), 0);
    AccountBook.Step step = BOOK.step(open.state(), List.of(bid), btc(5_000, 93_000), 5_000);
    assertThat(step.state().ledger().cash()).as("a bid changes nothing").isEqualByComparingTo(cash);
    return only(step.outputs(), BidAssessed.class);
  }

  private static <T> T only(List<AccountOutput> outputs, Class<T> type) {
    List<T> found = new ArrayList<>();
    for (AccountOutput o : outputs) {
      if (type.isInstance(o)) {
        found.add(type.cast(o));
      }
    }
    assertThat(found).as(type.getSimpleName()).hasSize(1);
    return found.get(0);
  }
}
