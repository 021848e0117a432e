package dev.solvent.risk.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

  /**
   * Black-76 prices at known volatilities, computed to 60 significant digits with mpmath 1.3 (ncdf) and rounded to 17:
   * at the money to premiums of 1e-170 of the forward, one hour to ten years, 1 % to 400 % volatility. Each is
   * out of the money or at it, so the quote carries the time value's every digit. The solver meets its stated
   * accuracy on every one: 1e-13 of the volatility (1e-14 is reached).
   */
  @ParameterizedTest(name = "{0} F={1} K={2} days={3} r={4}: σ={5}")
  @CsvSource({
      "CALL, 100, 100, 365, 0, 0.2, 7.9655674554057967",
      "PUT, 100, 100, 365, 0, 0.2, 7.9655674554057967",
      "CALL, 100, 100, 1, 0, 0.8, 1.6704054267142811",
      "PUT, 100, 100, 1, 0, 0.8, 1.6704054267142811",
      "CALL, 60000, 60000, 7, 0.05, 0.6, 1986.4323895760942",
      "PUT, 60000, 60000, 7, 0.05, 0.6, 1986.4323895760942",
      "CALL, 100, 100, 3650, 0, 1.0, 88.615370199334195",
      "PUT, 100, 100, 3650, 0, 1.0, 88.615370199334195",
      "CALL, 100, 150, 30, 0, 0.5, 0.012108138478355467",
      "CALL, 100, 300, 7, 0, 1.2, 7.9463290914108998e-11",
      "CALL, 100, 1000, 365, 0, 1.5, 10.46626462044652",
      "PUT, 100, 50, 2, 0, 0.6, 6.5598288573096297e-56",
      "CALL, 60000, 120000, 3, 0, 0.7, 2.1867456655576964e-25",
      "PUT, 60000, 25000, 1, 0, 1.0, 5.1142202284785319e-61",
      "CALL, 1, 2, 1, 0, 1.0, 1.376573096225157e-42",
      "CALL, 1, 3, 1, 0, 2.0, 7.7635187299561116e-28",
      "CALL, 3000, 9000, 14, 0.03, 0.9, 3.1959551552980354e-8",
      "CALL, 100, 101, 0.041666666666666664, 0, 0.5, 0.0065367028541961965",
      "CALL, 100, 130, 1, 0, 3.0, 0.35062439177866262",
      "CALL, 100, 200, 91.25, 0, 0.05, 2.1647059322323753e-170",
      "CALL, 100, 500, 1, 0, 4.0, 4.4173652785565069e-14",
      "CALL, 100, 120, 365, 0, 0.01, 8.5644601842494831e-76",
      "PUT, 100, 80, 182.5, 0, 0.02, 1.7359929176408014e-57",
      "CALL, 100, 400, 2, 0, 1.8, 2.9737267579070912e-25",
      "CALL, 60000, 200000, 1, 0, 1.5, 1.2482069942838049e-50"
})
  void recoversTheVolatilityOfReferencePricesToARelativeAccuracy(OptionType type, double forward, double strike,
      double days, double rate, double vol, double price) {
    var result = solver.solve(type, price, forward, strike, days / 365, rate);
    assertThat(result).isInstanceOf(ImpliedVolatility.Solved.class);
    assertThat(((ImpliedVolatility.Solved) result).vol()).isCloseTo(vol, within(1e-13 * vol));
  }

  /**
   * The hardest rows of the test values generated with Jäckel's reference implementation of "Let's Be Rational"
   * (vollib/py_lets_be_rational, tests/TestValues.json: undiscounted Black, r = 0): premiums from 1e-10 down to
   * 1e-154, normalised prices to 7e-157. The expected volatility is the one the prices were generated from.
   */
  @ParameterizedTest(name = "{3} F={0} K={1} T={2}: σ={4}")
  @CsvSource({
      "33, 965, 0.05, CALL, 0.5705428707984721, 1.2170804634726117e-154",
      "516, 108, 0.01, PUT, 0.9234182926331733, 1.5377487973746426e-64",
      "42, 130, 0.01, CALL, 0.732876728227759, 2.1952207285142183e-54",
      "788, 117, 0.03, PUT, 0.9681377119105163, 1.2330163545596699e-29",
      "445, 27, 0.23, PUT, 0.5413838402734779, 4.785450866827699e-27",
      "851, 75, 0.22, PUT, 0.5640442359652209, 1.5070090349071325e-19",
      "45, 447, 0.14, CALL, 0.6712541292906182, 1.167593540306557e-19",
      "789, 174, 0.06, PUT, 0.7164309239468389, 2.579480199571863e-17",
      "513, 13, 0.65, PUT, 0.5712538694979028, 3.2591181096422957e-15",
      "535, 138, 0.10, PUT, 0.600744569194142, 3.4185236577236806e-12",
      "666, 196, 0.12, PUT, 0.5103332724265008, 2.0119149893471643e-11",
      "76, 770, 0.20, CALL, 0.7625758298209493, 6.448925866601434e-11",
      "272, 969, 0.08, CALL, 0.6737463561971566, 1.831741529150635e-10"})
  void matchesJaeckelsReferenceImplementationOnTinyPremiums(double forward, double strike, double years,
      OptionType type, double vol, double price) {
    var result = solver.solve(type, price, forward, strike, years, 0);
    assertThat(((ImpliedVolatility.Solved) result).vol()).isCloseTo(vol, within(1e-13 * vol));
  }

  @Test
  void findsTheRootOfPremiumsFarBelowAnyAbsolutePriceTolerance() {
    // 1e-10 of the forward and far below: an absolute tolerance of 1e-12 accepts any volatility for these.
    for (double premium : new double[] {1e-10, 1e-20, 1e-40, 1e-80}) {
      var result = solver.solve(OptionType.CALL, premium, 1, 2, 7.0 / 365, 0);
      double vol = ((ImpliedVolatility.Solved) result).vol();
      double repriced = ImpliedVolatility.normalisedPrice(Math.log(2), vol * Math.sqrt(7.0 / 365)) * Math.sqrt(2);
      assertThat(repriced).as("premium %s", premium).isCloseTo(premium, within(1e-12 * premium));
    }
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
