package dev.solvent.risk.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BlackScholesTest {

  private final BlackScholes bs = BlackScholes.DEFAULT;

  /** Hull (8th ed.), Example 15.6: S = 42, K = 40, r = 10%, σ = 20%, T = 0.5: c = 4.76, p = 0.81. */
  @Test
  void hullExample15_6() {
    assertThat(bs.greeks(OptionType.CALL, 42, 40, 0.5, 0.2, 0.1, 0).price()).isCloseTo(4.76, within(0.005));
    assertThat(bs.greeks(OptionType.PUT, 42, 40, 0.5, 0.2, 0.1, 0).price()).isCloseTo(0.81, within(0.005));
  }

  /**
   * Hull (8th ed.), chapter 18 "The Greek Letters", the running example: S = 49, K = 50, r = 5%, σ = 20%,
   * T = 20 weeks (0.3846): price 2.40, delta 0.522, gamma 0.066, theta −4.31 per year, vega 12.1.
   */
  @Test
  void hullGreekLettersExample() {
    OptionGreeks g = bs.greeks(OptionType.CALL, 49, 50, 0.3846, 0.2, 0.05, 0);
    assertThat(g.price()).isCloseTo(2.40, within(0.005));
    assertThat(g.delta()).isCloseTo(0.522, within(0.0005));
    assertThat(g.gamma()).isCloseTo(0.066, within(0.0005));
    assertThat(g.theta()).isCloseTo(-4.31, within(0.005));
    assertThat(g.vega()).isCloseTo(12.1, within(0.05));
  }

  /**
   * Rho per 1.00 of the rate, spot fixed. Hull (7th ed.), Example 17.7, the running example above: rho = 8.91,
   * "a 1 % increase in the interest rate increases the option's value by about 0.0891". Haug, "The Complete Guide to
   * Option Pricing Formulas" (2nd ed.), 2.2.2 (as transcribed by QuantLib's europeanoption.cpp testGreekValues):
   * call S = 72, K = 75, T = 1, r = 9 %, σ = 19 %: rho = 38.7325.
   */
  @Test
  void rhoMatchesHullAndHaug() {
    assertThat(bs.greeks(OptionType.CALL, 49, 50, 0.3846, 0.2, 0.05, 0).rho()).isCloseTo(8.91, within(0.005));
    assertThat(bs.greeks(OptionType.CALL, 72, 75, 1, 0.19, 0.09, 0).rho()).isCloseTo(38.7325, within(0.00005));
  }

  @Test
  void spotGreeksMatchFiniteDifferences() {
    for (OptionType type : OptionType.values()) {
      for (double s : new double[] {70, 100, 130}) {
        double r = 0.04;
        double q = 0.01;
        double t = 0.7;
        OptionGreeks g = bs.greeks(type, s, 100, t, 0.4, r, q);
        double h = 1e-3 * s;
        double up = bs.greeks(type, s + h, 100, t, 0.4, r, q).price();
        double down = bs.greeks(type, s - h, 100, t, 0.4, r, q).price();
        assertThat(g.delta()).isCloseTo((up - down) / (2 * h), within(1e-6));
        assertThat(g.gamma()).isCloseTo((up - 2 * g.price() + down) / (h * h), within(1e-5));
        double ht = 1e-6;
        double theta = -(bs.greeks(type, s, 100, t + ht, 0.4, r, q).price()
            - bs.greeks(type, s, 100, t - ht, 0.4, r, q).price()) / (2 * ht);
        assertThat(g.theta()).isCloseTo(theta, within(1e-4));
        double hr = 1e-6;
        double rho = (bs.greeks(type, s, 100, t, 0.4, r + hr, q).price()
            - bs.greeks(type, s, 100, t, 0.4, r - hr, q).price()) / (2 * hr);
        assertThat(g.rho()).isCloseTo(rho, within(1e-4));
      }
    }
  }
}
