package dev.solvent.risk.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.solvent.risk.account.Account;
import dev.solvent.risk.account.MarginMode;
import dev.solvent.risk.account.MarginStatus;
import dev.solvent.risk.account.RiskParameters;
import dev.solvent.risk.account.UnderlyingConditions;
import dev.solvent.risk.instrument.CollateralAsset;
import dev.solvent.risk.instrument.Instrument;
import dev.solvent.risk.instrument.InverseContract;
import dev.solvent.risk.instrument.LinearContract;
import dev.solvent.risk.ledger.Payoff;
import dev.solvent.risk.liquidation.LiquidationKind;
import dev.solvent.risk.liquidation.LiquidationMode;
import dev.solvent.risk.margin.DynamicMargin;
import dev.solvent.risk.margin.MaintenanceBasis;
import dev.solvent.risk.margin.MarginSchedule;
import dev.solvent.risk.portfolio.RiskArrayCalculator;
import dev.solvent.risk.portfolio.ScenarioGrid;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A USD account holding an inverse perpetual (README "Cross-currency"), through the book: ivan pays in 1,000 USD and
 * buys 1,000 BTCUSD contracts (100 USD each) at 50,000; BTC is listed as collateral with a 10 % haircut. The fill
 * moves +2 BTC into his BTC balance and −2 BTC into the position's cost; equity = 1,000 + (2 BTC + P&L) at the index,
 * haircut when positive; MM = 0.5 % × 100,000 / S BTC = 500 USD at any price.
 *
 * <pre>
 * t=1s   S = 50,000: net BTC 2 − 2 = 0: equity 1,000, ratio 2.
 * t=11s  S = 47,000: net 2 × 47,000 − 100,000 = −6,000 USD in full: equity −5,000, bankrupt: FULL, the BP from the
 *        equity in BTC at the index, 1/BP = 1/47,000 − (5,000 / 47,000) / 100,000: BP = 49,473.68421053; no penalty.
 * t=12s  sold at 47,000: 100,000 × (1/47,000 − 1/49,473.68421053) = 0.10638298 BTC below the BP (rounded up): a
 *        deficit in BTC, which the fund pays into his BTC; his BTC 2 − 2.12765957… + 0.10638298 = −0.02127659… and
 *        his equity 1,000 − 999.99994 = 0.00005999 USD (the deficit's rounding up leaves no debt).
 * </pre>
 */
class CrossCurrencyBookTest {

  private static final InverseContract BTCUSD = new InverseContract("BTCUSD-PERP", "BTC", 0, 100, 1,
      MarginSchedule.flat(100, 0.005), 0.002, "usd", MaintenanceBasis.MARK);
  private static final CollateralAsset BTC = new CollateralAsset("BTC", "BTC", 0.1, 0.8, 0.05, 0.1);
  private static final LinearContract BTC_PERP = new LinearContract("BTC-PERP", "BTC", 0, 1, 0.001,
      MarginSchedule.flat(100, 0.005), 0.002, "usd");
  private static final AccountBook BOOK = new AccountBook(RiskParameters.DEFAULT.withDynamic(DynamicMargin.OFF),
      new AccountBook.Settings(0.05, 3_600_000, 30_000, 1, LiquidationMode.PARTIAL, "USD", 300_000));

  private static Market market(long time, double spot, List<Instrument> listed) {
    RiskArrayCalculator calculator = new RiskArrayCalculator(ScenarioGrid.DEFAULT);
    Map<String, PricedInstrument> priced = new HashMap<>();
    for (Instrument instrument : listed) {
      BigDecimal size = BigDecimal.valueOf(instrument instanceof dev.solvent.risk.instrument.Contract c
          ? c.contractSize() : 1);
      priced.put(instrument.id(), new PricedInstrument(instrument, size, calculator.compute(instrument, spot, 0.6, 0,
          time), UnderlyingConditions.UNKNOWN, false, time));
    }
    return priced::get;
  }

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  private static AccountEvent opened(String account, MarginMode mode, String currency) {
    return new AccountEvent.Opened(account, 1, mode, "usd", currency);
  }

  private static AccountEvent buy(String account, String instrument) {
    return new AccountEvent.Trade(account, 3, instrument, d("1000"), d("50000"), BigDecimal.ZERO);
  }

  private static <T extends AccountOutput> List<T> only(Class<T> type, AccountBook.Step step) {
    return step.outputs().stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void aUsdAccountsInverseLiquidationSettlesInBtc() {
    List<Instrument> listed = List.of(BTCUSD, BTC);
    AccountBook.Step open = BOOK.step(null, List.of(opened("ivan", MarginMode.CROSS, Account.QUOTE),
        new AccountEvent.Deposit("ivan", 2, "USD", d("1000")), buy("ivan", BTCUSD.id())), market(1_000, 50_000,
        listed), 1_000);
    assertThat(open.state().ledger().cash()).isEqualByComparingTo("1000");
    assertThat(open.state().ledger().collateral("BTC")).isEqualByComparingTo("2");
    assertThat(only(AccountOutput.MarginUpdated.class, open)).singleElement().satisfies(u -> {
      assertThat(u.equity()).isEqualByComparingTo("1000");
      assertThat(u.currency()).isEqualTo("USD");
      assertThat(u.marginRatio()).isCloseTo(2, within(1e-9));
    });

    AccountBook.Step crash = BOOK.step(open.state(), List.of(), market(11_000, 47_000, listed), 11_000);
    AccountOutput.LiquidationOrdered order = only(AccountOutput.LiquidationOrdered.class, crash).get(0);
    assertThat(order.kind()).isEqualTo(LiquidationKind.FULL);
    assertThat(order.quantity()).isEqualByComparingTo("1000");
    assertThat(order.bankruptcyPrice()).isEqualByComparingTo("49473.68421053");
    assertThat(order.penalty()).isZero();
    assertThat(order.currency()).as("the penalty of a BTC-settled contract").isEqualTo("BTC");
    assertThat(only(AccountOutput.MarginUpdated.class, crash)).singleElement().satisfies(u -> {
      assertThat(u.equity()).isEqualByComparingTo("-5000");
      assertThat(u.status()).isEqualTo(MarginStatus.BANKRUPT);
    });

    AccountBook.Step filled = BOOK.step(crash.state(), List.of(new AccountEvent.LiquidationFill("ivan", 4,
        BTCUSD.id(), order.orderId(), d("-1000"), d("47000"), BigDecimal.ZERO)), market(12_000, 47_000, listed),
        12_000);
    assertThat(only(AccountOutput.FillSettled.class, filled)).singleElement().satisfies(s -> {
      assertThat(s.deficit()).isEqualByComparingTo("0.10638298");
      assertThat(s.penalty()).isZero();
      assertThat(s.currency()).isEqualTo("BTC");
      assertThat(s.payoff()).isEqualTo(Payoff.INVERSE);
    });
    assertThat(filled.state().ledger().positions()).isEmpty();
    assertThat(filled.state().ledger().cash()).isEqualByComparingTo("1000");
    assertThat(filled.state().ledger().collateral("BTC")).isEqualByComparingTo("-0.021276594468085106382979");
    assertThat(filled.state().ledger().deficitsCovered()).as("USD reports hold USD only").isZero();
    assertThat(only(AccountOutput.MarginUpdated.class, filled)).singleElement()
        .satisfies(u -> assertThat(u.equity()).isEqualByComparingTo("0.00005999"));
  }

  @Test
  void coinSettledFillsNeedAUsdCrossAccountAndTheCoinListed() {
    AccountBook.Step unlisted = BOOK.step(null, List.of(opened("ivan", MarginMode.CROSS, Account.QUOTE),
        buy("ivan", BTCUSD.id())), market(1_000, 50_000, List.of(BTCUSD)), 1_000);
    assertThat(only(AccountOutput.EventRejected.class, unlisted)).singleElement().satisfies(r -> {
      assertThat(r.reason()).isEqualTo(Rejection.INVALID);
      assertThat(r.detail()).isEqualTo("instrument BTCUSD-PERP settles in BTC and account ivan is margined in USD "
          + "(CROSS): only a USD account in CROSS mode holds contracts settled in a coin, with the coin listed as a "
          + "collateral asset");
    });
    AccountBook.Step portfolio = BOOK.step(null, List.of(opened("ivan", MarginMode.PORTFOLIO, Account.QUOTE),
        buy("ivan", BTCUSD.id())), market(1_000, 50_000, List.of(BTCUSD, BTC)), 1_000);
    assertThat(only(AccountOutput.EventRejected.class, portfolio)).hasSize(1);
    AccountBook.Step coinAccount = BOOK.step(null, List.of(opened("ivan", MarginMode.CROSS, "BTC"),
        buy("ivan", BTC_PERP.id())), market(1_000, 50_000, List.of(BTC_PERP, BTC)), 1_000);
    assertThat(only(AccountOutput.EventRejected.class, coinAccount)).singleElement()
        .satisfies(r -> assertThat(r.detail()).contains("settles in USD and account ivan is margined in BTC"));
  }
}
