package dev.solvent.risk.account;

import static dev.solvent.risk.Fixtures.BTC_CALL_120K;
import static dev.solvent.risk.Fixtures.BTC_PERP;
import static dev.solvent.risk.Fixtures.ETH_PERP;
import static dev.solvent.risk.Fixtures.INSTRUMENTS;
import static dev.solvent.risk.Fixtures.STATIC;
import static dev.solvent.risk.Fixtures.market;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.solvent.risk.Fixtures;
import dev.solvent.risk.instrument.CollateralAsset;
import dev.solvent.risk.instrument.Instrument;
import dev.solvent.risk.instrument.InverseContract;
import dev.solvent.risk.instrument.LinearContract;
import dev.solvent.risk.instrument.OptionContract;
import dev.solvent.risk.margin.LinearMarginTest;
import dev.solvent.risk.pricing.Black76;
import dev.solvent.risk.pricing.OptionType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarginCalculatorTest {

  private final MarginCalculator calculator = new MarginCalculator(STATIC);

  /** The account of Binance's published cross-margin example (see LinearMarginTest), valued end to end. */
  @Test
  void crossAccountReproducesBinancesLiquidationPrices() {
    LinearContract btc = new LinearContract("BTCUSDT", "BTC", 0, 1, 0.001, LinearMarginTest.btcSchedule(), 0.01, "f");
    LinearContract eth = new LinearContract("ETHUSDT", "ETH", 0, 1, 0.001, LinearMarginTest.ethSchedule(), 0.01, "f");
    Map<String, Instrument> instruments = Map.of(btc.id(), btc, eth.id(), eth);
    var arrays = new dev.solvent.risk.portfolio.RiskArrayCalculator(dev.solvent.risk.portfolio.ScenarioGrid.DEFAULT);
    MarketState market = new MarketState(Fixtures.NOW, Map.of(
        btc.id(), arrays.compute(btc, 31_967.27, 0, 0, Fixtures.NOW),
        eth.id(), arrays.compute(eth, 1_335.18, 0, 0, Fixtures.NOW)), Map.of());
    Account account = Account.of("binance-example", MarginMode.CROSS, LinearMarginTest.WALLET, List.of(
        Position.of("BTCUSDT", 109.488, 32_481.98), Position.of("ETHUSDT", 3_683.979, 1_456.84)));

    MarginAssessment assessment = calculator.assess(account, instruments, market);

    assertThat(risk(assessment, "BTCUSDT").liquidationPrice()).isCloseTo(26_316.89, within(0.005));
    assertThat(risk(assessment, "ETHUSDT").liquidationPrice()).isCloseTo(1_153.26, within(0.005));
    assertThat(assessment.maintenanceMargin()).isCloseTo(71_200.81144 + 356_512.508, within(0.01));
  }

  @Test
  void crossEquityIsWalletPlusUnrealizedPnlPlusOptionValue() {
    Account account = Account.of("a", MarginMode.CROSS, 60_000, List.of(
        Position.of("BTC-PERP", 0.5, 100_000), Position.of("ETH-PERP", -4, 4_000),
        Position.of(BTC_CALL_120K.id(), -2, 1_000)));
    MarketState market = market(104_000, 3_900);

    MarginAssessment assessment = calculator.assess(account, INSTRUMENTS, market);

    double call = Black76.DEFAULT.price(OptionType.CALL, 104_000, 120_000, 30 / 365.0, 0.6, 0);
    double expectedEquity = 60_000 + 0.5 * 4_000 + (-4) * (3_900 - 4_000) - 2 * call;
    assertThat(assessment.equity()).isCloseTo(expectedEquity, within(1e-6));
    double expectedMm = BTC_PERP.schedule().maintenanceMargin(52_000) + ETH_PERP.schedule().maintenanceMargin(15_600)
        + 2 * STATIC.optionMargin().maintenancePerUnit(OptionType.CALL, 104_000, 120_000, call);
    assertThat(assessment.maintenanceMargin()).isCloseTo(expectedMm, within(1e-6));
    assertThat(assessment.marginRatio()).isCloseTo(expectedEquity / expectedMm, within(1e-12));
    assertThat(assessment.status()).isEqualTo(MarginStatus.HEALTHY);
  }

  @Test
  void anOptionPositionsRhoIsTheRateDerivativeOfItsValueAndALinearOneHasNone() {
    Account account = Account.of("a", MarginMode.CROSS, 60_000, List.of(
        Position.of("BTC-PERP", 0.5, 100_000), Position.of(BTC_CALL_120K.id(), -2, 1_000)));

    MarginAssessment assessment = calculator.assess(account, INSTRUMENTS, market(104_000, 3_900));

    double years = 30 / 365.0;
    double h = 1e-6;
    double perRate = -2 * (Black76.DEFAULT.price(OptionType.CALL, 104_000, 120_000, years, 0.6, h)
        - Black76.DEFAULT.price(OptionType.CALL, 104_000, 120_000, years, 0.6, -h)) / (2 * h);
    assertThat(risk(assessment, BTC_CALL_120K.id()).rho()).isCloseTo(perRate, within(1e-4 * Math.abs(perRate)));
    assertThat(risk(assessment, "BTC-PERP").rho()).isZero();
    assertThat(assessment.exposures().get(0).rho()).isEqualTo(risk(assessment, BTC_CALL_120K.id()).rho());
  }

  @Test
  void statusFollowsTheRatio() {
    Account account = Account.of("a", MarginMode.CROSS, 5_000, List.of(Position.of("BTC-PERP", 1, 100_000)));
    assertThat(calculator.assess(account, INSTRUMENTS, market(100_000, 4_000)).status())
        .isEqualTo(MarginStatus.HEALTHY);
    assertThat(calculator.assess(account, INSTRUMENTS, market(95_600, 4_000)).status())
        .isEqualTo(MarginStatus.MARGIN_CALL);
    assertThat(calculator.assess(account, INSTRUMENTS, market(95_300, 4_000)).status())
        .isEqualTo(MarginStatus.LIQUIDATABLE);
    assertThat(calculator.assess(account, INSTRUMENTS, market(94_000, 4_000)).status())
        .isEqualTo(MarginStatus.BANKRUPT);
  }

  @Test
  void isolatedPositionsAreMarginedOnTheirOwnMargin() {
    Account account = Account.of("iso", MarginMode.ISOLATED, 1_000_000, List.of(
        new Position("BTC-PERP", 1, 100_000, 2_000), new Position("ETH-PERP", 10, 4_000, 20_000)));
    MarginAssessment assessment = calculator.assess(account, INSTRUMENTS, market(98_500, 4_000));
    // BTC: 2,000 − 1,500 = 500 equity over its own maintenance margin; the large wallet does not help it.
    assertThat(assessment.marginRatio())
        .isCloseTo(500 / Fixtures.BTC_SCHEDULE.maintenanceMargin(98_500), within(1e-9));
    assertThat(assessment.status()).isEqualTo(MarginStatus.MARGIN_CALL);
  }

  /** Bybit's USDT example valued end to end: at the mark 19,700 the position is exactly at its maintenance margin. */
  @Test
  void anEntryMarginedPositionReachesRatioOneAtBybitsLiquidationPrice() {
    LinearContract bybit = new LinearContract("BTCUSDT", "BTC", 0, 1, 0.001,
        dev.solvent.risk.margin.MarginSchedule.flat(50, 0.005), 0.01, "f",
        dev.solvent.risk.margin.MaintenanceBasis.ENTRY);
    var arrays = new dev.solvent.risk.portfolio.RiskArrayCalculator(dev.solvent.risk.portfolio.ScenarioGrid.DEFAULT);
    Account account = Account.of("bybit", MarginMode.ISOLATED, 0, List.of(new Position("BTCUSDT", 1, 20_000, 400)));
    for (double mark : new double[] {19_700, 21_000, 19_000}) {
      MarketState market = new MarketState(Fixtures.NOW, Map.of(bybit.id(), arrays.compute(bybit, mark, 0, 0,
          Fixtures.NOW)), Map.of());
      MarginAssessment assessment = calculator.assess(account, Map.of(bybit.id(), bybit), market);
      assertThat(assessment.maintenanceMargin()).as("margin at entry, whatever the mark").isCloseTo(100, within(1e-9));
      assertThat(risk(assessment, "BTCUSDT").liquidationPrice()).isCloseTo(19_700, within(1e-9));
      assertThat(assessment.marginRatio()).isCloseTo(Math.max(400 + mark - 20_000, 0) / 100, within(1e-9));
    }
  }

  /**
   * A coin-margined account worked by hand, every amount in BTC: wallet 1 BTC, long 1,000 BTCUSD inverse contracts of
   * 100 USD at 50,000 (2 BTC of notional at entry), marked at 45,000. P&L = 100,000 × (1/50,000 − 1/45,000) =
   * −0.2222… BTC; notional 2.2222… BTC; MM 0.5 % = 0.011111… BTC, IM 1 % = 0.022222… BTC; ratio 70. Liquidation
   * (Binance COIN-M, margin at the mark): 100,000 × 1.005 / (1 + 2) = 33,500; bankruptcy 100,000 / 3 = 33,333.33.
   */
  @Test
  void aCoinMarginedInverseAccountIsValuedInItsCoin() {
    InverseContract btcusd = new InverseContract("BTCUSD_PERP", "BTC", 0, 100, 1,
        dev.solvent.risk.margin.MarginSchedule.flat(100, 0.005), 0.005, "fund-btc",
        dev.solvent.risk.margin.MaintenanceBasis.MARK);
    var arrays = new dev.solvent.risk.portfolio.RiskArrayCalculator(dev.solvent.risk.portfolio.ScenarioGrid.DEFAULT);
    MarketState market = new MarketState(Fixtures.NOW, Map.of(btcusd.id(), arrays.compute(btcusd, 45_000, 0, 0,
        Fixtures.NOW)), Map.of());
    Account account = new Account("coin", MarginMode.CROSS, 1, List.of(Position.of(btcusd.id(), 1_000, 50_000)),
        Map.of(), Map.of(), "BTC");

    MarginAssessment assessment = calculator.assess(account, Map.of(btcusd.id(), btcusd), market);

    assertThat(assessment.equity()).isCloseTo(1 - 2.0 / 9, within(1e-12));
    assertThat(assessment.maintenanceMargin()).isCloseTo(0.005 * 100_000 / 45_000, within(1e-12));
    assertThat(assessment.initialMargin()).isCloseTo(0.01 * 100_000 / 45_000, within(1e-12));
    assertThat(assessment.marginRatio()).isCloseTo(70, within(1e-9));
    PositionRisk risk = risk(assessment, btcusd.id());
    assertThat(risk.markPrice()).isEqualTo(45_000);
    assertThat(risk.notional()).isCloseTo(100_000 / 45_000.0, within(1e-12));
    assertThat(risk.liquidationPrice()).isCloseTo(33_500, within(1e-6));
    assertThat(risk.bankruptcyPrice()).isCloseTo(100_000 / 3.0, within(1e-6));
    // Coin delta: the P&L's sensitivity to the price, 100,000 / 45,000² BTC per USD.
    assertThat(risk.delta()).isCloseTo(100_000 / (45_000.0 * 45_000), within(1e-15));
  }

  private static final long DAY = 86_400_000L;

  private static OptionContract coinOption(String id, OptionType type, double strike, long expiry) {
    return new OptionContract(id, "BTC", type, strike, expiry, 1, 0.1, 0.005, "fund-btc", true);
  }

  /**
   * Deribit's payoff examples ("Options" docs, inverse options): a call struck at 10,000 with the delivery price at
   * 12,500 settles at 2,500 / 12,500 = 0.2 BTC; a put struck at 10,000 with delivery at 5,000 settles at 1 BTC. A
   * buyer who paid 0.05 BTC for either made 0.15 and 0.95 BTC.
   */
  @Test
  void aCoinSettledOptionPaysItsIntrinsicValueInTheCoinAsDeribitsExamplesDo() {
    long expiry = Fixtures.NOW;
    OptionContract call = coinOption("BTC-10000-C", OptionType.CALL, 10_000, expiry);
    OptionContract put = coinOption("BTC-10000-P", OptionType.PUT, 10_000, expiry);
    var arrays = new dev.solvent.risk.portfolio.RiskArrayCalculator(dev.solvent.risk.portfolio.ScenarioGrid.DEFAULT);
    for (Object[] c : new Object[][] {{call, 12_500.0, 0.2}, {put, 5_000.0, 1.0}}) {
      OptionContract option = (OptionContract) c[0];
      MarketState market = new MarketState(expiry, Map.of(option.id(), arrays.compute(option, (double) c[1], 0.6, 0,
          expiry)), Map.of());
      Account buyer = new Account("buyer", MarginMode.CROSS, 1 - 0.05, List.of(Position.of(option.id(), 1, 0.05)),
          Map.of(), Map.of(), "BTC");
      MarginAssessment a = calculator.assess(buyer, Map.of(option.id(), option), market);
      assertThat(a.positions().get(0).value()).isCloseTo((double) c[2], within(1e-12));
      assertThat(a.equity() - 1).as("profit of %s", option.id()).isCloseTo((double) c[2] - 0.05, within(1e-12));
    }
  }

  /**
   * Deribit's standard margin of short inverse options, in BTC per contract, with m the mark in BTC: a call struck
   * 10 % above the index: IM = max(0.15 − 0.10, 0.10) + m, MM = 0.075 + m; a put 10 % below:
   * IM = max(max(0.15 − 0.10, 0.10) + m, MM), MM = max(0.075, 0.075·m) + m.
   */
  @Test
  void shortCoinSettledOptionsNeedDeribitsStandardMarginInTheCoin() {
    long expiry = Fixtures.NOW + 30 * DAY;
    OptionContract call = coinOption("BTC-110000-C", OptionType.CALL, 110_000, expiry);
    OptionContract put = coinOption("BTC-90000-P", OptionType.PUT, 90_000, expiry);
    var arrays = new dev.solvent.risk.portfolio.RiskArrayCalculator(dev.solvent.risk.portfolio.ScenarioGrid.DEFAULT);
    MarketState market = new MarketState(Fixtures.NOW, Map.of(
        call.id(), arrays.compute(call, 100_000, 0.6, 0, Fixtures.NOW),
        put.id(), arrays.compute(put, 100_000, 0.6, 0, Fixtures.NOW)), Map.of());
    Account writer = new Account("writer", MarginMode.CROSS, 2, List.of(Position.of(call.id(), -2, 0.02),
        Position.of(put.id(), -1, 0.02)), Map.of(), Map.of(), "BTC");
    double years = 30 / 365.0;
    double mc = Black76.DEFAULT.price(OptionType.CALL, 100_000, 110_000, years, 0.6, 0) / 100_000;
    double mp = Black76.DEFAULT.price(OptionType.PUT, 100_000, 90_000, years, 0.6, 0) / 100_000;

    MarginAssessment a = calculator.assess(writer, Map.of(call.id(), call, put.id(), put), market);

    double callMm = 0.075 + mc;
    double putMm = Math.max(0.075, 0.075 * mp) + mp;
    assertThat(a.maintenanceMargin()).isCloseTo(2 * callMm + putMm, within(1e-12));
    assertThat(a.initialMargin()).isCloseTo(2 * (0.10 + mc) + Math.max(0.10 + mp, putMm), within(1e-12));
    assertThat(a.equity()).isCloseTo(2 - 2 * mc - mp, within(1e-12));
    // The coin delta is the value's derivative in the index: −2·f'(S) − f'(S) for f = V/S, checked numerically.
    double h = 1;
    double up = -2 * Black76.DEFAULT.price(OptionType.CALL, 100_000 + h, 110_000, years, 0.6, 0) / (100_000 + h)
        - Black76.DEFAULT.price(OptionType.PUT, 100_000 + h, 90_000, years, 0.6, 0) / (100_000 + h);
    double down = -2 * Black76.DEFAULT.price(OptionType.CALL, 100_000 - h, 110_000, years, 0.6, 0) / (100_000 - h)
        - Black76.DEFAULT.price(OptionType.PUT, 100_000 - h, 90_000, years, 0.6, 0) / (100_000 - h);
    assertThat(a.exposures().get(0).delta()).isCloseTo((up - down) / (2 * h), within(1e-12));
  }

  /**
   * Portfolio margin in the coin on the same scenario grid: the worst weighted scenario of the coin P&L, recomputed
   * here from Black-76 at each shocked index and volatility (V(S')/S' − V(S)/S per contract), plus the contingency
   * charges, which the grid's coin Greeks carry.
   */
  @Test
  void portfolioMarginOfCoinSettledOptionsIsTheWorstCoinScenario() {
    long expiry = Fixtures.NOW + 30 * DAY;
    OptionContract call = coinOption("BTC-110000-C", OptionType.CALL, 110_000, expiry);
    var grid = dev.solvent.risk.portfolio.ScenarioGrid.DEFAULT;
    var arrays = new dev.solvent.risk.portfolio.RiskArrayCalculator(grid);
    MarketState market = new MarketState(Fixtures.NOW, Map.of(call.id(), arrays.compute(call, 100_000, 0.6, 0,
        Fixtures.NOW)), Map.of());
    Account writer = new Account("pm", MarginMode.PORTFOLIO, 2, List.of(Position.of(call.id(), -3, 0.02)), Map.of(),
        Map.of(), "BTC");
    double years = 30 / 365.0;
    double base = Black76.DEFAULT.price(OptionType.CALL, 100_000, 110_000, years, 0.6, 0) / 100_000;
    double worst = 0;
    for (int s = 0; s < grid.size(); s++) {
      double spot = 100_000 * (1 + grid.spotShock(s));
      double vol = Math.max(dev.solvent.risk.portfolio.RiskArrayCalculator.MIN_VOL, 0.6 * (1 + grid.volShock(s)));
      double shocked = Black76.DEFAULT.price(OptionType.CALL, spot, 110_000, years, vol, 0) / spot;
      worst = Math.min(worst, -3 * grid.weight(s) * (shocked - base));
    }

    MarginAssessment a = calculator.assess(writer, Map.of(call.id(), call), market);

    assertThat(a.exposures().get(0).worstScenarioPnl()).isCloseTo(worst, within(1e-12));
    assertThat(a.maintenanceMargin()).isGreaterThanOrEqualTo(-worst - 1e-12);
  }

  @Test
  void aCoinMarginedAccountRefusesAContractSettledInAnotherCurrency() {
    Account account = new Account("coin", MarginMode.CROSS, 1, List.of(Position.of("BTC-PERP", 1, 100_000)),
        Map.of(), Map.of(), "BTC");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> calculator.assess(account, INSTRUMENTS,
        market(104_000, 3_900))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("account coin is margined in BTC (CROSS) and cannot hold BTC-PERP, which settles in USD: only a "
            + "USD account in CROSS mode holds contracts settled in a coin");
  }

  /**
   * A USD account with 12,000 USD, 1 BTC of collateral (haircut 10 %) and an inverse long of 1,000 BTCUSD contracts
   * (100 USD each) from 50,000, whose opening fill moved +2 BTC into its BTC and −2 BTC into the position's cost: the
   * model's BTC units are 1 + 2 − 2 = 1. Coin P&L 100,000 × (1/50,000 − 1/S) nets with the BTC held, and the net
   * counts at S × 0.9 when positive, at S when negative; MM is 0.5 % of the coin notional at S: 500 USD at any price.
   *
   * <pre>
   *   S = 55,000: P&L +0.181818… BTC, net 1.181818… × 55,000 × 0.9 = 58,500: equity 70,500, ratio 141.
   *   S = 45,000: P&L −0.222222… BTC, net 0.777777… × 45,000 × 0.9 = 31,500: equity 43,500, ratio 87.
   *   S = 45,000 without the BTC: net −0.222222… × 45,000 = −10,000 in full: equity 2,000, ratio 4.
   * </pre>
   */
  @Test
  void aUsdAccountConvertsItsCoinSettledPositionsAtTheIndexWithTheCoinsHaircut() {
    InverseContract btcusd = BTCUSD_INVERSE;
    CollateralAsset btc = BTC_COLLATERAL;
    Map<String, Instrument> instruments = Map.of(btcusd.id(), btcusd, btc.id(), btc);
    Position inverseLong = Position.of(btcusd.id(), 1_000, 50_000);
    Account withBtc = new Account("mixed", MarginMode.CROSS, 12_000, List.of(inverseLong), Map.of("BTC", 1.0),
        Map.of());
    Account withoutBtc = new Account("mixed", MarginMode.CROSS, 12_000, List.of(inverseLong), Map.of(), Map.of());

    MarginAssessment up = calculator.assess(withBtc, instruments, crossMarket(btcusd, btc, 55_000));
    assertThat(up.equity()).isCloseTo(70_500, within(1e-6));
    assertThat(up.maintenanceMargin()).isCloseTo(500, within(1e-9));
    assertThat(up.initialMargin()).isCloseTo(1_000, within(1e-9));
    MarginAssessment down = calculator.assess(withBtc, instruments, crossMarket(btcusd, btc, 45_000));
    assertThat(down.equity()).isCloseTo(43_500, within(1e-6));
    assertThat(down.marginRatio()).isCloseTo(87, within(1e-9));
    MarginAssessment owed = calculator.assess(withoutBtc, instruments, crossMarket(btcusd, btc, 45_000));
    assertThat(owed.equity()).isCloseTo(2_000, within(1e-6));
    assertThat(owed.marginRatio()).isCloseTo(4, within(1e-9));

    // In USD, an inverse long of 100,000 USD from 50,000 is long 2 BTC: d(S·P&L)/dS = 100,000 / 50,000.
    PositionRisk risk = risk(owed, btcusd.id());
    assertThat(risk.delta()).isCloseTo(2, within(1e-12));
    assertThat(risk.value()).isCloseTo(-10_000, within(1e-6));
    assertThat(owed.exposures().get(0).delta()).isCloseTo(2, within(1e-12));
    // Its bankruptcy price takes the 2,000 USD of equity in BTC at the index: 1/BP = 1/45,000 + (2,000 / 45,000)
    // / 100,000.
    assertThat(risk.bankruptcyPrice()).isCloseTo(1 / (1 / 45_000.0 + 2_000 / 45_000.0 / 100_000), within(1e-6));
    assertThat(risk.liquidationPrice()).isNaN();
  }

  @Test
  void aCoinSettledPositionOfAUsdAccountNeedsItsCoinListedAndCrossMode() {
    InverseContract btcusd = BTCUSD_INVERSE;
    CollateralAsset btc = BTC_COLLATERAL;
    Position inverseLong = Position.of(btcusd.id(), 1_000, 50_000);
    MarketState market = crossMarket(btcusd, btc, 50_000);
    Account cross = Account.of("mixed", MarginMode.CROSS, 12_000, List.of(inverseLong));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> calculator.assess(cross, Map.of(btcusd.id(), btcusd),
        market)).hasMessage("account mixed holds BTCUSD-PERP, settled in BTC, but BTC is not a listed collateral "
            + "asset (its haircut)");
    Account portfolio = Account.of("mixed", MarginMode.PORTFOLIO, 12_000, List.of(inverseLong));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> calculator.assess(portfolio, Map.of(btcusd.id(), btcusd,
        btc.id(), btc), market)).hasMessageContaining("only a USD account in CROSS mode");
  }

  private static final InverseContract BTCUSD_INVERSE = new InverseContract("BTCUSD-PERP", "BTC", 0, 100, 1,
      dev.solvent.risk.margin.MarginSchedule.flat(100, 0.005), 0.005, "main",
      dev.solvent.risk.margin.MaintenanceBasis.MARK);
  /** BTC as collateral of a USD account, 10 % haircut. */
  private static final CollateralAsset BTC_COLLATERAL = new CollateralAsset("BTC", "BTC", 0.1, 0.8, 0.05, 0.1);

  /**
   * A buyer of 10 puts on portfolio margin with the vol multiplier at its cap and a thin book: the worst scenario
   * (spot +15 %) loses most of the premium, three times that plus the liquidity add-on is more than the premium, but
   * long options can lose no more than they are worth, so the requirement is their value and a buyer with any cash
   * is never liquidatable. Once the group also holds a short call, the cap no longer applies.
   */
  @Test
  void longOptionsAloneRequireAtMostTheirValue() {
    MarginCalculator dynamic = new MarginCalculator(RiskParameters.DEFAULT);
    MarketState stressed = market(Map.of("BTC", 104_000.0), 0.6, Map.of("BTC", new UnderlyingConditions(5.0, 20_000,
        20_000)));
    String put = dev.solvent.risk.Fixtures.BTC_PUT_100K.id();
    Account buyer = Account.of("buyer", MarginMode.PORTFOLIO, 1, List.of(Position.of(put, 10, 0)));
    MarginAssessment a = dynamic.assess(buyer, INSTRUMENTS, stressed);
    double value = 10 * stressed.riskArray(put).markValue();
    double uncapped = dynamic.parameters().portfolio().maintenance(new double[] {10},
        new dev.solvent.risk.portfolio.RiskArray[] {stressed.riskArray(put)}, 0, 1)
        * dynamic.parameters().dynamic().volMultiplier(5.0);
    assertThat(uncapped).as("the formula without the cap").isGreaterThan(value);
    assertThat(a.maintenanceMargin()).isCloseTo(value, within(1e-9));
    assertThat(a.equity()).isCloseTo(1 + value, within(1e-9));
    assertThat(a.liquidatable()).isFalse();

    Account writer = Account.of("both", MarginMode.PORTFOLIO, 1, List.of(Position.of(put, 10, 0),
        Position.of(BTC_CALL_120K.id(), -1, 0)));
    assertThat(dynamic.assess(writer, INSTRUMENTS, stressed).maintenanceMargin()).isGreaterThan(value);
  }

  private static MarketState crossMarket(InverseContract inverse, CollateralAsset coin, double spot) {
    var arrays = new dev.solvent.risk.portfolio.RiskArrayCalculator(dev.solvent.risk.portfolio.ScenarioGrid.DEFAULT);
    return new MarketState(Fixtures.NOW, Map.of(inverse.id(), arrays.compute(inverse, spot, 0, 0, Fixtures.NOW),
        coin.id(), arrays.compute(coin, spot, 0, 0, Fixtures.NOW)), Map.of());
  }

  @Test
  void portfolioMarginOffsetsAHedgedOptionPosition() {
    Account naked = Account.of("p", MarginMode.PORTFOLIO, 50_000, List.of(Position.of(BTC_CALL_120K.id(), -10, 0)));
    Account hedged = Account.of("p", MarginMode.PORTFOLIO, 50_000, List.of(Position.of(BTC_CALL_120K.id(), -10, 0),
        Position.of("BTC-PERP", 3, 104_000)));
    MarketState market = market(104_000, 4_000);
    double nakedMm = calculator.assess(naked, INSTRUMENTS, market).maintenanceMargin();
    double hedgedMm = calculator.assess(hedged, INSTRUMENTS, market).maintenanceMargin();
    assertThat(hedgedMm).isLessThan(nakedMm);
    int worst = calculator.assess(hedged, INSTRUMENTS, market).exposures().get(0).worstScenario();
    assertThat(STATIC.grid().describe(worst)).contains("spot");
  }

  @Test
  void lendingRatioIsTheHealthFactor() {
    Account account = new Account("l", MarginMode.LENDING, 0, List.of(), Map.of("ETH", 5.0), Map.of("USDC", 10_000.0));
    MarginAssessment assessment = calculator.assess(account, INSTRUMENTS, market(100_000, 2_400));
    assertThat(assessment.marginRatio()).isCloseTo(5 * 2_400 * 0.825 / 10_000, within(1e-12));
    assertThat(assessment.status()).isEqualTo(MarginStatus.LIQUIDATABLE);
  }

  private static PositionRisk risk(MarginAssessment assessment, String id) {
    return assessment.positions().stream().filter(p -> p.instrumentId().equals(id)).findFirst().orElseThrow();
  }
}
