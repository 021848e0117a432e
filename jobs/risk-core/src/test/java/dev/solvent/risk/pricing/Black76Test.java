package dev.solvent.risk.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class Black76Test {

  private static final double TOLERANCE_PRICE = 1e-9;
  private final Black76 black = Black76.DEFAULT;

  /** Hull, "Options, Futures, and Other Derivatives" (8th ed.), Example 18.6: European put on a future, 1.12. */
  @Test
  void hullExample18_6PutOnAFuture() {
    assertThat(black.price(OptionType.PUT, 20, 20, 4.0 / 12, 0.25, 0.09)).isCloseTo(1.12, within(0.005));
  }

  /** Haug, "The Complete Guide to Option Pricing Formulas" (2nd ed.), 1.1.4 Black-76: F = K = 19, c = p = 1.7011. */
  @Test
  void haugBlack76Example() {
    assertThat(black.price(OptionType.CALL, 19, 19, 0.75, 0.28, 0.10)).isCloseTo(1.7011, within(0.00005));
    assertThat(black.price(OptionType.PUT, 19, 19, 0.75, 0.28, 0.10)).isCloseTo(1.7011, within(0.00005));
  }

  /**
   * Black-76 rho with the forward fixed, per 1.00 of the rate: −T·price. py_vollib's black.greeks.analytical
   * docstring (F = 49, K = 50, r = 5 %, T = 0.3846, σ = 20 %) prints it per 1 %: call −0.0074705380059582258, put
   * −0.011243286001308292.
   */
  @Test
  void rhoMatchesPyVollibsBlack76Values() {
    assertThat(black.greeks(OptionType.CALL, 49, 50, 0.3846, 0.2, 0.05).rho() / 100)
        .isCloseTo(-0.0074705380059582258, within(1e-15));
    assertThat(black.greeks(OptionType.PUT, 49, 50, 0.3846, 0.2, 0.05).rho() / 100)
        .isCloseTo(-0.011243286001308292, within(1e-15));
  }

  @Test
  void putCallParityHoldsOverAGrid() {
    for (double f : new double[] {50, 90, 100, 110, 200}) {
      for (double t : new double[] {1.0 / 365, 0.1, 1, 3}) {
        for (double vol : new double[] {0.05, 0.5, 1.5}) {
          for (double r : new double[] {0, 0.05}) {
            double call = black.price(OptionType.CALL, f, 100, t, vol, r);
            double put = black.price(OptionType.PUT, f, 100, t, vol, r);
            assertThat(call - put).as("F=%s T=%s vol=%s", f, t, vol)
                .isCloseTo(Math.exp(-r * t) * (f - 100), within(TOLERANCE_PRICE * f));
          }
        }
      }
    }
  }

  @Test
  void greeksMatchFiniteDifferencesOverAGrid() {
    for (OptionType type : OptionType.values()) {
      for (double f : new double[] {60, 95, 100, 105, 160}) {
        for (double t : new double[] {7.0 / 365, 0.25, 1, 2}) {
          for (double vol : new double[] {0.1, 0.6, 1.2}) {
            double r = 0.03;
            OptionGreeks g = black.greeks(type, f, 100, t, vol, r);
            double hf = 1e-4 * f;
            double up = black.price(type, f + hf, 100, t, vol, r);
            double down = black.price(type, f - hf, 100, t, vol, r);
            double mid = black.price(type, f, 100, t, vol, r);
            String at = type + " F=" + f + " T=" + t + " vol=" + vol;
            assertThat(g.price()).as(at).isCloseTo(mid, within(1e-12 * f));
            double delta = (up - down) / (2 * hf);
            assertThat(g.delta()).as("delta " + at).isCloseTo(delta, within(1e-7 + 1e-4 * Math.abs(delta)));
            assertThat(g.gamma()).as("gamma " + at).isCloseTo((up - 2 * mid + down) / (hf * hf),
                within(1e-6 + 1e-3 * g.gamma()));
            double hv = 1e-5;
            double vega = (black.price(type, f, 100, t, vol + hv, r) - black.price(type, f, 100, t, vol - hv, r))
                / (2 * hv);
            assertThat(g.vega()).as("vega " + at).isCloseTo(vega, within(1e-5 * Math.max(1, vega)));
            double ht = 1e-6;
            double theta = -(black.price(type, f, 100, t + ht, vol, r) - black.price(type, f, 100, t - ht, vol, r))
                / (2 * ht);
            assertThat(g.theta()).as("theta " + at).isCloseTo(theta, within(1e-4 * Math.max(1, Math.abs(theta))));
            double hr = 1e-6;
            double rho = (black.price(type, f, 100, t, vol, r + hr) - black.price(type, f, 100, t, vol, r - hr))
                / (2 * hr);
            assertThat(g.rho()).as("rho " + at).isCloseTo(rho, within(1e-5 * Math.max(1, Math.abs(rho))));
          }
        }
      }
    }
  }

  @Test
  void expiredOrZeroVolOptionIsWorthItsDiscountedIntrinsicValue() {
    assertThat(black.price(OptionType.CALL, 120, 100, 0, 0.5, 0.05)).isEqualTo(20);
    assertThat(black.price(OptionType.PUT, 120, 100, 1, 0, 0)).isEqualTo(0);
    OptionGreeks g = black.greeks(OptionType.PUT, 80, 100, 0, 0.5, 0);
    assertThat(g.price()).isEqualTo(20);
    assertThat(g.delta()).isEqualTo(-1);
    assertThat(g.gamma()).isZero();
  }
}
