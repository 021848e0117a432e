package dev.solvent.risk.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.solvent.risk.account.Account;
import dev.solvent.risk.account.MarginAssessment;
import dev.solvent.risk.account.MarginCalculator;
import dev.solvent.risk.account.MarginMode;
import dev.solvent.risk.account.MarginStatus;
import dev.solvent.risk.account.MarketState;
import dev.solvent.risk.account.Position;
import dev.solvent.risk.account.RiskParameters;
import dev.solvent.risk.account.UnderlyingConditions;
import dev.solvent.risk.instrument.CollateralAsset;
import dev.solvent.risk.instrument.Instrument;
import dev.solvent.risk.instrument.LinearContract;
import dev.solvent.risk.instrument.OptionContract;
import dev.solvent.risk.margin.DynamicMargin;
import dev.solvent.risk.margin.MarginSchedule;
import dev.solvent.risk.portfolio.RiskArray;
import dev.solvent.risk.portfolio.RiskArrayCalculator;
import dev.solvent.risk.portfolio.ScenarioGrid;
import dev.solvent.risk.pricing.OptionType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Band edges against numbers worked by hand. The liquidation-price example is the one Bybit publishes for USDT
 * perpetuals (long 1 BTC at 20,000, 50× leverage, maintenance rate 0.5 %) with maintenance taken at the mark, as
 * Binance's formula does: LP = (20,000 − 400) / (1 − 0.005) = 19,698.49 (Bybit's own, at the entry price: 19,700).
 */
class BandCalculatorTest {

  private static final LinearContract BTC = new LinearContract("BTC-PERP", "BTC", 0, 1, 0.001,
      MarginSchedule.flat(50, 0.005), 0.002, "usd");
  private static final LinearContract ETH = new LinearContract("ETH-PERP", "ETH", 0, 1, 0.01,
      MarginSchedule.flat(50, 0.01), 0.002, "usd");
  private static final CollateralAsset ETH_SPOT = new CollateralAsset("ETH", "ETH", 0, 0.8, 0.05, 0.1);
  private static final OptionContract PUT = new OptionContract("BTC-P", "BTC", OptionType.PUT, 18_000,
      30L * 86_400_000, 1, 0.1, 0.002, "usd");
  private static final Map<String, Instrument> INSTRUMENTS = Map.of(BTC.id(), BTC, ETH.id(), ETH, ETH_SPOT.id(),
      ETH_SPOT, PUT.id(), PUT);
  private static final RiskParameters PARAMETERS = RiskParameters.DEFAULT.withDynamic(DynamicMargin.OFF);
  private static final MarginCalculator CALCULATOR = new MarginCalculator(PARAMETERS);

  private static MarketState market(double btc, double eth) {
    RiskArrayCalculator arrays = new RiskArrayCalculator(ScenarioGrid.DEFAULT);
    Map<String, RiskArray> priced = new HashMap<>();
    priced.put(BTC.id(), arrays.compute(BTC, btc, 0.6, 0, 0));
    priced.put(PUT.id(), arrays.compute(PUT, btc, 0.6, 0, 0));
    priced.put(ETH.id(), arrays.compute(ETH, eth, 0.6, 0, 0));
    priced.put(ETH_SPOT.id(), arrays.compute(ETH_SPOT, eth, 0.6, 0, 0));
    return new MarketState(0, priced, Map.of("BTC", UnderlyingConditions.UNKNOWN));
  }

  private static List<PriceBand> bands(Account account, MarketState market, double lastRatio, double step) {
    MarginAssessment a = CALCULATOR.assess(account, INSTRUMENTS, market);
    return new BandCalculator(PARAMETERS, step).bands(account, INSTRUMENTS, market, a, lastRatio).bands();
  }

  @Test
  void aMarginCalledLongsLowerEdgeIsItsLiquidationPriceAndItsUpperEdgeTheWarningLevel() {
    // 400 of margin (wallet 400 + cost 20,000 counted as the entry), long 1 at 20,000; valued at 19,730.
    Account bob = Account.of("bob", MarginMode.CROSS, 400, List.of(Position.of(BTC.id(), 1, 20_000)));
    MarketState market = market(19_730, 3_000);
    MarginAssessment a = CALCULATOR.assess(bob, INSTRUMENTS, market);
    assertThat(a.status()).isEqualTo(MarginStatus.MARGIN_CALL);
    // A step of 1,000 % never binds: only the status does. Ratio 1 at (20,000 − 400)/(1 − 0.005); ratio 1.5 at
    // (20,000 − 400)/(1 − 1.5 × 0.005).
    PriceBand band = bands(bob, market, a.marginRatio(), 10).get(0);
    assertThat(band.low()).isCloseTo(19_698.49, within(0.01));
    assertThat(band.high()).isCloseTo(19_600 / 0.9925, within(0.01));
  }

  @Test
  void anEntryMarginedLongsLowerEdgeIsBybitsLiquidationPrice() {
    LinearContract bybit = new LinearContract("BTC-PERP", "BTC", 0, 1, 0.001, MarginSchedule.flat(50, 0.005), 0.002,
        "usd", dev.solvent.risk.margin.MaintenanceBasis.ENTRY);
    Map<String, Instrument> instruments = Map.of(bybit.id(), bybit);
    Account bob = Account.of("bob", MarginMode.CROSS, 400, List.of(Position.of(bybit.id(), 1, 20_000)));
    RiskArrayCalculator arrays = new RiskArrayCalculator(ScenarioGrid.DEFAULT);
    MarketState market = new MarketState(0, Map.of(bybit.id(), arrays.compute(bybit, 19_730, 0.6, 0, 0)), Map.of());
    MarginAssessment a = CALCULATOR.assess(bob, instruments, market);
    // The margin is 100 at any price: ratio 1 at 20,000 − 300 and 1.5 at 20,000 − 400 + 150.
    PriceBand band = new BandCalculator(PARAMETERS, 10).bands(bob, instruments, market, a, a.marginRatio()).bands()
        .get(0);
    assertThat(band.low()).isCloseTo(19_700, within(0.01));
    assertThat(band.high()).isCloseTo(19_750, within(0.01));
  }

  @Test
  void theUpdateStepBoundsTheBandWhenItIsTighterThanTheStatus() {
    Account bob = Account.of("bob", MarginMode.CROSS, 4_000, List.of(Position.of(BTC.id(), 1, 20_000)));
    MarketState market = market(20_000, 3_000);
    // Ratio 4,000 / 100 = 40; the last update at 40 with a 5 % step: ratio 38 at (20,000 − 4,000)/(1 − 38 × 0.005)
    // and 42 at 16,000/(1 − 42 × 0.005).
    PriceBand band = bands(bob, market, 40, 0.05).get(0);
    assertThat(band.low()).isCloseTo(16_000 / (1 - 38 * 0.005), within(0.01));
    assertThat(band.high()).isCloseTo(16_000 / (1 - 42 * 0.005), within(0.01));
  }

  @Test
  void twoUnderlyingsShareTheSlackSoThatBothAtTheirEdgesStillKeepTheStatus() {
    Account alice = Account.of("alice", MarginMode.CROSS, 3_000, List.of(Position.of(BTC.id(), 1, 20_000),
        Position.of(ETH.id(), 10, 2_000)));
    MarketState market = market(20_000, 2_000);
    MarginAssessment a = CALCULATOR.assess(alice, INSTRUMENTS, market);
    List<PriceBand> bands = bands(alice, market, a.marginRatio(), 10);
    PriceBand btc = bands.get(0);
    PriceBand eth = bands.get(1);
    assertThat(btc.underlying()).isEqualTo("BTC");
    assertThat(eth.underlying()).isEqualTo("ETH");
    MarginAssessment bothLow = CALCULATOR.assess(alice, INSTRUMENTS, market(btc.low(), eth.low()));
    assertThat(bothLow.status()).isEqualTo(a.status());
    // Each edge alone spends only its half of the slack above the warning level.
    double warning = PARAMETERS.warningLevel();
    double half = (a.equity() - warning * a.maintenanceMargin()) / 2;
    MarginAssessment btcLow = CALCULATOR.assess(alice, INSTRUMENTS, market(btc.low(), 2_000));
    assertThat(btcLow.equity() - warning * btcLow.maintenanceMargin()).isCloseTo(half, within(1e-3));
  }

  @Test
  void anAccountWithAnOptionGetsOneProvenWidthForEveryUnderlyingForFiveMinutes() {
    Account writer = Account.of("w", MarginMode.CROSS, 20_000, List.of(Position.of(PUT.id(), -1, 500),
        Position.of(ETH.id(), 10, 2_000)));
    MarketState market = market(20_000, 2_000);
    MarginAssessment a = CALCULATOR.assess(writer, INSTRUMENTS, market);
    BandCalculator.Bands bands = new BandCalculator(PARAMETERS, 0.05).bands(writer, INSTRUMENTS, market, a,
        a.marginRatio());
    PriceBand btc = bands.bands().get(0);
    PriceBand eth = bands.bands().get(1);
    assertThat(btc.underlying()).isEqualTo("BTC");
    assertThat(btc.high() / 20_000 - 1).isPositive().isCloseTo(eth.high() / 2_000 - 1, within(1e-12));
    assertThat(bands.validUntil()).isEqualTo(IntervalBands.WINDOW_MILLIS);
    // Both prices at the band's corners, five minutes on: the ratio is still within 5 % of the last update's.
    for (double bs : new double[] {btc.low(), btc.high()}) {
      for (double es : new double[] {eth.low(), eth.high()}) {
        RiskArrayCalculator arrays = new RiskArrayCalculator(ScenarioGrid.DEFAULT);
        long later = IntervalBands.WINDOW_MILLIS - 1;
        MarketState moved = new MarketState(later, Map.of(PUT.id(), arrays.compute(PUT, bs, 0.6, 0, later),
            ETH.id(), arrays.compute(ETH, es, 0.6, 0, later)), Map.of());
        double ratio = CALCULATOR.assess(writer, INSTRUMENTS, moved).marginRatio();
        assertThat(Math.abs(ratio / a.marginRatio() - 1)).isLessThanOrEqualTo(0.05);
      }
    }
  }

  @Test
  void aLenderWithoutDebtHasNothingAPriceCanChange() {
    Account lender = new Account("l", MarginMode.LENDING, 0, List.of(), Map.of("ETH", 5.0), Map.of());
    List<PriceBand> bands = bands(lender, market(20_000, 2_000), Double.POSITIVE_INFINITY, 0.05);
    assertThat(bands).containsExactly(PriceBand.all("ETH"));
  }

  @Test
  void solvesEachSideInClosedForm() {
    assertThat(BandCalculator.solve(-2, 0, 1)).isEqualTo(0.5);
    assertThat(BandCalculator.solve(1, 0, 1)).isEqualTo(Double.POSITIVE_INFINITY);
    // y² − y − 2 = 0 at y = 2.
    assertThat(BandCalculator.solve(1, 1, 2)).isCloseTo(2, within(1e-12));
  }
}
