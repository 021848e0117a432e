package dev.solvent.risk.margin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarginScheduleTest {

  /**
   * Binance FAQ "How to Calculate Liquidation Price of COIN-M Futures Contracts", section "Maintenance Amount":
   * BTCUSD level 5 = 50 BTC × (5% − 2.5%) + 0.56 BTC = 1.81 BTC; a 300 BTC position (level 7, 12.5%) has a
   * maintenance amount of 11.81 BTC (levels 6 and 7 start at 100 and 200 BTC at 10% and 12.5%).
   */
  @Test
  void maintenanceAmountsFollowBinancesPublishedExample() {
    double level5 = MarginSchedule.nextMaintenanceAmount(0.56, 50, 0.05, 0.025);
    double level6 = MarginSchedule.nextMaintenanceAmount(level5, 100, 0.10, 0.05);
    double level7 = MarginSchedule.nextMaintenanceAmount(level6, 200, 0.125, 0.10);
    assertThat(level5).isCloseTo(1.81, within(1e-12));
    assertThat(level7).isCloseTo(11.81, within(1e-12));
  }

  @Test
  void maintenanceMarginIsContinuousAcrossBracketsAndRisesWithSize() {
    MarginSchedule schedule = MarginSchedule.fromRates(new double[][] {
        {0, 125, 0.004}, {50_000, 100, 0.005}, {250_000, 50, 0.01}, {1_000_000, 20, 0.025}, {10_000_000, 10, 0.05}});
    for (MarginTier tier : schedule.tiers().subList(1, schedule.tiers().size())) {
      double floor = tier.notionalFloor();
      assertThat(schedule.maintenanceMargin(floor)).isCloseTo(schedule.maintenanceMargin(floor - 1e-6), within(1e-6));
    }
    double previous = 0;
    for (double notional = 1_000; notional < 20_000_000; notional *= 1.3) {
      double rate = schedule.maintenanceMargin(notional) / notional;
      assertThat(rate).isGreaterThanOrEqualTo(previous - 1e-15);
      previous = rate;
    }
    assertThat(schedule.initialMargin(2_000_000)).isEqualTo(100_000);
  }

  @Test
  void rejectsASchedulewithGapsOrBrokenContinuity() {
    assertThatThrownBy(() -> new MarginSchedule(List.of(new MarginTier(0, 100, 100, 0.005, 0),
        new MarginTier(200, Double.POSITIVE_INFINITY, 50, 0.01, 0.5))))
        .hasMessageContaining("starts at 200.0 but bracket 1 ends at 100.0");
    assertThatThrownBy(() -> new MarginSchedule(List.of(new MarginTier(0, 100, 100, 0.005, 0),
        new MarginTier(100, Double.POSITIVE_INFINITY, 50, 0.01, 7))))
        .hasMessageContaining("breaks continuity; expected 0.5");
    assertThatThrownBy(() -> new MarginTier(0, 100, 10, 0.2, 0)).hasMessageContaining("exceeds initial rate");
    assertThatThrownBy(() -> new MarginTier(0, 100, 10, Double.NaN, 0)).hasMessageContaining("maintenanceRate");
  }
}
