package dev.solvent.risk.probability;

import dev.solvent.risk.pricing.NormalDistribution;

/**
 * Probability that an account's equity reaches zero before it can be liquidated, from the first passage of its
 * delta-equivalent P&L.
 *
 * <p>Over a short horizon h the equity moves like a driftless Brownian motion with volatility
 * σ_E = √(Σᵤ Σᵥ ρᵤᵥ·(Δᵤ·Sᵤ·σᵤ)(Δᵥ·Sᵥ·σᵥ))·√h, where Δ·S is the delta-equivalent of each underlying, σ its annualized
 * volatility and ρ the correlation (1 on the diagonal). By the reflection principle, the probability that it falls
 * by its cushion C to bankruptcy (equity; in lending mode collateral value minus debt) at some time within h is
 * P = 2·Φ(−C/σ_E) (Shreve, "Stochastic Calculus for Finance II", Theorem 3.7.1). Distances are cushions over σ_E:
 * to liquidation (equity − MM; lending: weighted collateral − debt) and to bankruptcy. Gamma is ignored: the
 * measure is a first-order early warning, not a margin.
 */
public final class DefaultProbability {

  private DefaultProbability() {}

  /**
   * @param deltaValues delta-equivalent per underlying (quote currency)
   * @param vols annualized volatility per underlying, same order
   */
  public static DefaultRisk assess(double cushionToLiquidation, double cushionToBankruptcy, double[] deltaValues,
      double[] vols, double correlation, double horizonYears) {
    double variance = 0;
    for (int u = 0; u < deltaValues.length; u++) {
      for (int v = 0; v < deltaValues.length; v++) {
        double rho = u == v ? 1 : correlation;
        variance += rho * deltaValues[u] * vols[u] * deltaValues[v] * vols[v];
      }
    }
    double sigma = Math.sqrt(Math.max(variance, 0) * horizonYears);
    if (!(sigma > 0)) {
      return DefaultRisk.none(horizonYears);
    }
    double toBankruptcy = cushionToBankruptcy / sigma;
    double probability = cushionToBankruptcy <= 0 ? 1 : Math.min(1, 2 * NormalDistribution.cdf(-toBankruptcy));
    return new DefaultRisk(sigma, cushionToLiquidation / sigma, toBankruptcy, probability, horizonYears);
  }
}
