package dev.solvent.risk.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.solvent.risk.Fixtures;
import dev.solvent.risk.pricing.Black76;
import dev.solvent.risk.pricing.OptionType;
import org.junit.jupiter.api.Test;

class PortfolioMarginTest {

  private final RiskArrayCalculator arrays = new RiskArrayCalculator(ScenarioGrid.DEFAULT);
  private final PortfolioMargin margin = new PortfolioMargin(0.05, 0.05, 1.3);

  @Test
  void aLongFutureLosesTheLargestGridMoveNotTheWeightedExtreme() {
    RiskArray future = arrays.compute(Fixtures.BTC_PERP, 100_000, 0, 0, Fixtures.NOW);
    // Grid: −15% of 100,000 = −15,000; extreme −33% at 35% cover = −11,550: the grid move is worse.
    assertThat(margin.maintenance(new double[] {2}, new RiskArray[] {future}, 0, 1)).isCloseTo(30_000, within(1e-6));
  }

  @Test
  void opposingFuturesOffsetCompletely() {
    RiskArray future = arrays.compute(Fixtures.BTC_PERP, 100_000, 0, 0, Fixtures.NOW);
    assertThat(margin.maintenance(new double[] {3, -3}, new RiskArray[] {future, future}, 0, 2))
        .isCloseTo(0, within(1e-9));
  }

  /** The dot product over risk arrays equals revaluing the whole portfolio in each scenario from scratch. */
  @Test
  void scenarioLossEqualsFullRevaluation() {
    double spot = 104_000;
    double vol = 0.55;
    double years = Fixtures.BTC_CALL_120K.yearsToExpiry(Fixtures.NOW);
    RiskArray call = arrays.compute(Fixtures.BTC_CALL_120K, spot, vol, 0, Fixtures.NOW);
    RiskArray put = arrays.compute(Fixtures.BTC_PUT_100K, spot, vol, 0, Fixtures.NOW);
    RiskArray future = arrays.compute(Fixtures.BTC_PERP, spot, vol, 0, Fixtures.NOW);
    double[] q = {-7, -4, 1.5};
    ScenarioGrid grid = ScenarioGrid.DEFAULT;

    double worst = 0;
    for (int s = 0; s < grid.size(); s++) {
      double shockedSpot = spot * (1 + grid.spotShock(s));
      double shockedVol = Math.max(0.01, vol * (1 + grid.volShock(s)));
      double pnl = q[0] * (Black76.DEFAULT.price(OptionType.CALL, shockedSpot, 120_000, years, shockedVol, 0)
          - Black76.DEFAULT.price(OptionType.CALL, spot, 120_000, years, vol, 0))
          + q[1] * (Black76.DEFAULT.price(OptionType.PUT, shockedSpot, 100_000, years, shockedVol, 0)
          - Black76.DEFAULT.price(OptionType.PUT, spot, 100_000, years, vol, 0))
          + q[2] * (shockedSpot - spot);
      worst = Math.min(worst, grid.weight(s) * pnl);
    }
    PortfolioMargin scenariosOnly = new PortfolioMargin(0, 0, 1);
    assertThat(scenariosOnly.maintenance(q, new RiskArray[] {call, put, future}, 0, 3)).isCloseTo(-worst,
        within(1e-6));
  }

  @Test
  void contingencyChargesCoverNetShortGammaAndVega() {
    RiskArray call = arrays.compute(Fixtures.BTC_CALL_110K, 104_000, 0.6, 0, Fixtures.NOW);
    double[] shortTen = {-10};
    double scenarios = new PortfolioMargin(0, 0, 1).maintenance(shortTen, new RiskArray[] {call}, 0, 1);
    double withCharges = margin.maintenance(shortTen, new RiskArray[] {call}, 0, 1);
    double move = 104_000 * 0.05;
    double expected = 0.5 * 10 * call.gamma() * move * move + 10 * call.vega() * 0.05;
    assertThat(withCharges - scenarios).isCloseTo(expected, within(1e-6));
    assertThat(margin.initial(withCharges)).isCloseTo(1.3 * withCharges, within(1e-9));
  }

  @Test
  void riskArrayGreeksArePerContract() {
    RiskArray call = arrays.compute(Fixtures.BTC_CALL_110K, 104_000, 0.6, 0, Fixtures.NOW);
    var greeks = Black76.DEFAULT.greeks(OptionType.CALL, 104_000, 110_000,
        Fixtures.BTC_CALL_110K.yearsToExpiry(Fixtures.NOW), 0.6, 0);
    assertThat(call.markValue()).isCloseTo(greeks.price(), within(1e-9));
    assertThat(call.delta()).isCloseTo(greeks.delta(), within(1e-12));
    assertThat(call.scenarios()).isEqualTo(23);
  }
}
