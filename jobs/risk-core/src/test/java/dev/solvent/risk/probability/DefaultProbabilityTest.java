package dev.solvent.risk.probability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DefaultProbabilityTest {

  /** Reflection principle: P(min of a driftless BM over h falls by one σ√h) = 2Φ(−1) = 0.3173105078629141. */
  @Test
  void oneSigmaOfEquityIsThirtyOnePercent() {
    // Delta-equivalent 100,000 at 100% vol over one year: σ_E = 100,000; equity 100,000 = one sigma.
    DefaultRisk risk = DefaultProbability.assess(60_000, 100_000, new double[] {100_000}, new double[] {1}, 0, 1);
    assertThat(risk.probabilityOfDefault()).isCloseTo(0.3173105078629141, within(1e-12));
    assertThat(risk.bankruptcyDistanceSigma()).isCloseTo(1, within(1e-12));
    assertThat(risk.liquidationDistanceSigma()).isCloseTo(0.6, within(1e-12));
  }

  @Test
  void correlationCombinesUnderlyings() {
    double[] deltas = {30_000, -30_000};
    double[] vols = {0.5, 0.5};
    double hedged = DefaultProbability.assess(1_000, 1_000, deltas, vols, 1, 1).equityVolatility();
    double independent = DefaultProbability.assess(1_000, 1_000, deltas, vols, 0, 1).equityVolatility();
    assertThat(hedged).isCloseTo(0, within(1e-9));
    assertThat(independent).isCloseTo(Math.sqrt(2) * 15_000, within(1e-6));
  }

  @Test
  void noExposureNoDefault() {
    assertThat(DefaultProbability.assess(5, 5, new double[0], new double[0], 0, 1).probabilityOfDefault()).isZero();
    assertThat(DefaultProbability.assess(-6, -5, new double[] {1}, new double[] {1}, 0, 1).probabilityOfDefault())
        .isEqualTo(1);
  }

  /** Independent check by simulation: discretely monitored paths (slightly under the continuous probability). */
  @Test
  void agreesWithMonteCarloFirstPassage() {
    Random random = new Random(7);
    int paths = 20_000;
    int steps = 500;
    int defaults = 0;
    for (int p = 0; p < paths; p++) {
      double x = 0;
      for (int s = 0; s < steps; s++) {
        x += random.nextGaussian() / Math.sqrt(steps);
        if (x <= -1.5) {
          defaults++;
          break;
        }
      }
    }
    double analytic = DefaultProbability.assess(1.5, 1.5, new double[] {1}, new double[] {1}, 0, 1)
        .probabilityOfDefault();
    assertThat((double) defaults / paths).isCloseTo(analytic, within(0.015));
  }
}
