package dev.solvent.risk.auction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** MakerDAO MIP45 (Liquidations 2.0) abacus price functions, with top = oracle × buf. */
class DutchAuctionCurveTest {

  @Test
  void linearDecreaseFallsToZeroOverItsDuration() {
    var linear = new DutchAuctionCurve.Linear(100_000, 1_000);
    assertThat(linear.price(120, 0)).isEqualTo(120);
    assertThat(linear.price(120, 25_000)).isCloseTo(90, within(1e-12));
    assertThat(linear.price(120, 25_999)).isCloseTo(90, within(1e-12)); // stepped: no change until the next step
    assertThat(linear.price(120, 150_000)).isZero();
  }

  @Test
  void stairstepExponentialCutsByTheSameFractionEachStep() {
    var exponential = new DutchAuctionCurve.Exponential(0.01, 90_000);
    assertThat(exponential.price(100, 3 * 90_000)).isCloseTo(97.0299, within(1e-9));
    assertThat(exponential.price(100, 3 * 90_000 - 1)).isCloseTo(98.01, within(1e-9));
  }

  @Test
  void resetsWhenTooOldOrTooFarBelowTheOracle() {
    assertThat(DutchAuctionCurve.top(2_000, 0.2)).isCloseTo(2_400, within(1e-9));
    assertThat(DutchAuctionCurve.needsReset(3_601_000, 2_000, 2_000, 3_600_000, 0.4)).isTrue();
    assertThat(DutchAuctionCurve.needsReset(60_000, 1_190, 2_000, 3_600_000, 0.4)).isTrue();
    assertThat(DutchAuctionCurve.needsReset(60_000, 1_210, 2_000, 3_600_000, 0.4)).isFalse();
  }
}
