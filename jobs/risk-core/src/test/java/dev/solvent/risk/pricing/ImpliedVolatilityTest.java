package dev.solvent.risk.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ImpliedVolatilityTest {

  private final ImpliedVolatility solver = ImpliedVolatility.DEFAULT;

  @Test
  void recoversTheVolatilityOfEveryPriceWithMeasurableTimeValue() {
    int solved = 0;
    for (OptionType type : OptionType.values()) {
      for (double moneyness : new double[] {0.3, 0.6, 0.9, 1.0, 1.1, 1.5, 3.0}) {
        for (double t : new double[] {1.0 / 365, 30.0 / 365, 1, 3}) {
          for (double vol : new double[] {0.02, 0.2, 0.8, 2.0, 5.0}) {
            double f = 100 * moneyness;
            double price = Black76.DEFAULT.price(type, f, 100, t, vol, 0.02);
            double intrinsic = Math.exp(-0.02 * t) * Math.max(type.sign() * (f - 100), 0);
            double vega = Black76.DEFAULT.greeks(type, f, 100, t, vol, 0.02).vega();
            if (price - intrinsic < 1e-9 * Math.max(1, price) || vega < 1e-8) {
              continue; // time value below double resolution: no volatility is recoverable from the price
            }
            var result = solver.solve(type, price, f, 100, t, 0.02);
            assertThat(result).as("%s F=%s T=%s vol=%s", type, f, t, vol).isInstanceOf(ImpliedVolatility.Solved.class);
            double implied = ((ImpliedVolatility.Solved) result).vol();
            // Compare in price space (what a quote pins down) and in vol space where vega makes it meaningful.
            assertThat(Black76.DEFAULT.price(type, f, 100, t, implied, 0.02)).isCloseTo(price,
                within(1e-10 * Math.max(1, price)));
            if (vega > 1e-3) {
              assertThat(implied).isCloseTo(vol, within(1e-6 * vol));
            }
            solved++;
          }
        }
      }
    }
    assertThat(solved).isGreaterThan(200);
  }

  @Test
  void convergesDeepOutOfTheMoneyWhereNewtonAloneDiverges() {
    double price = Black76.DEFAULT.price(OptionType.CALL, 100, 250, 0.05, 1.1, 0);
    var result = solver.solve(OptionType.CALL, price, 100, 250, 0.05, 0);
    assertThat(((ImpliedVolatility.Solved) result).vol()).isCloseTo(1.1, within(1e-7));
  }

  @Test
  void failsClearlyAtOrOutsideTheNoArbitrageBounds() {
    var belowIntrinsic = solver.solve(OptionType.CALL, 9.0, 110, 100, 1, 0);
    assertThat(belowIntrinsic).isInstanceOfSatisfying(ImpliedVolatility.OutsideBounds.class,
        b -> assertThat(b.reason()).contains("not above the discounted intrinsic value"));
    var aboveForward = solver.solve(OptionType.CALL, 110.5, 110, 100, 1, 0);
    assertThat(aboveForward).isInstanceOfSatisfying(ImpliedVolatility.OutsideBounds.class,
        b -> assertThat(b.reason()).contains("not below the upper bound"));
    var putAboveStrike = solver.solve(OptionType.PUT, 101, 110, 100, 1, 0);
    assertThat(putAboveStrike).isInstanceOf(ImpliedVolatility.OutsideBounds.class);
  }
}
