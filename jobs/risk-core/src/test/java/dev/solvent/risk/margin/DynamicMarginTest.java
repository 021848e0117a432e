package dev.solvent.risk.margin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DynamicMarginTest {

  private final DynamicMargin dynamic = new DynamicMargin(true, 0.5, 3, 0.25);

  @Test
  void volatilityScalesMarginUpButNeverDownAndIsCapped() {
    assertThat(dynamic.volMultiplier(0.25)).isEqualTo(1);
    assertThat(dynamic.volMultiplier(1.0)).isCloseTo(2, within(1e-12));
    assertThat(dynamic.volMultiplier(5.0)).isEqualTo(3);
    assertThat(dynamic.volMultiplier(Double.NaN)).isEqualTo(1);
    assertThat(DynamicMargin.OFF.volMultiplier(5.0)).isEqualTo(1);
  }

  /** Uniform book: unwinding the whole ±2% depth costs 1% on average; twice the depth, 2% on twice the size. */
  @Test
  void liquidityAddOnIsTheSlippageOfAUniformBook() {
    assertThat(dynamic.liquidityAddOn(1_000_000, 1_000_000)).isCloseTo(10_000, within(1e-6));
    assertThat(dynamic.liquidityAddOn(-2_000_000, 1_000_000)).isCloseTo(40_000, within(1e-6));
    assertThat(dynamic.liquidityAddOn(100_000_000, 1_000_000)).isCloseTo(25_000_000, within(1e-3));
    assertThat(dynamic.liquidityAddOn(1_000_000, Double.NaN)).isZero();
  }
}
