package dev.solvent.risk.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalDistributionTest {

  private static final double TOLERANCE_CENTRAL = 1e-14;
  private static final double TOLERANCE_TAIL_RELATIVE = 1e-8;

  /** Abramowitz and Stegun, "Handbook of Mathematical Functions", Table 26.1 (15 significant digits). */
  @ParameterizedTest
  @CsvSource({
      "0.0, 0.500000000000000",
      "0.5, 0.691462461274013",
      "1.0, 0.841344746068543",
      "1.5, 0.933192798731142",
      "2.0, 0.977249868051821",
      "2.5, 0.993790334674224",
      "3.0, 0.998650101968370",
      "-1.0, 0.158655253931457",
      "-2.0, 0.022750131948179"})
  void matchesAbramowitzAndStegunTable26_1(double x, double expected) {
    assertThat(NormalDistribution.cdf(x)).isCloseTo(expected, within(TOLERANCE_CENTRAL));
  }

  /** Tail values: A&S 26.2.12 asymptotics, as tabulated in Table 26.1 for Q(x) = 1 − Φ(x). */
  @ParameterizedTest
  @CsvSource({"-4, 3.16712418331200e-05", "-5, 2.86651571879194e-07", "-6, 9.86587645037698e-10",
      "-8, 6.22096057427178e-16"})
  void isRelativelyAccurateInTheTail(double x, double expected) {
    assertThat(NormalDistribution.cdf(x)).isCloseTo(expected, within(expected * TOLERANCE_TAIL_RELATIVE));
  }

  /** R(x) = Φ(−x)/φ(x) from 50-digit erfc (mpmath 1.3), rounded to 17 digits: relative accuracy 1e-15 everywhere. */
  @ParameterizedTest
  @CsvSource({"-3.0, 225.33489622034912", "-1.0, 3.4770518117036945", "0.0, 1.2533141373155003",
      "0.5, 0.87636445645369235", "1.5, 0.51581563821796336", "2.0, 0.42136922928805447",
      "2.5, 0.35426511132979367", "4.0, 0.23665238291356067", "7.5, 0.13107935580449176",
      "12.0, 0.082766286501369177", "30.0, 0.033296419072497213"})
  void millsRatioIsRelativelyAccurateEverywhere(double x, double expected) {
    assertThat(NormalDistribution.millsRatio(x)).isCloseTo(expected, within(expected * 1e-15));
  }

  @Test
  void densityIsTheDerivativeOfTheCdf() {
    for (double x = -6; x <= 6; x += 0.25) {
      double h = 1e-5;
      double numeric = (NormalDistribution.cdf(x + h) - NormalDistribution.cdf(x - h)) / (2 * h);
      assertThat(NormalDistribution.density(x)).as("x=%s", x).isCloseTo(numeric, within(1e-9));
    }
  }

  @Test
  void isSymmetric() {
    for (double x = 0; x <= 10; x += 0.1) {
      assertThat(NormalDistribution.cdf(x) + NormalDistribution.cdf(-x)).isCloseTo(1.0, within(1e-15));
    }
  }
}
