package dev.solvent.risk.portfolio;

import dev.solvent.risk.instrument.Checks;

/**
 * Portfolio margin of the positions on one underlying, from precomputed risk arrays:
 *
 * <pre>
 *   scenario loss  = max(0, −min over s of Σᵢ qᵢ·pnlᵢ[s])
 *   gamma charge   = ½ · max(0, −Σᵢ qᵢ·Γᵢ) · (S·gammaShock)²      (net short gamma between grid points)
 *   vega charge    = |Σᵢ qᵢ·vegaᵢ| · vegaShock                      (net vega, a vol move beyond the grid)
 *   maintenance    = scenario loss + gamma charge + vega charge;   initial = maintenance × initialMultiplier
 * </pre>
 *
 * Positions on different underlyings are margined separately and summed: no offset is assumed between them, which
 * is conservative (Deribit margins each currency's portfolio on its own). The dot product is allocation-free.
 *
 * @param gammaShock relative spot move the gamma charge covers
 * @param vegaShock volatility move (absolute, 0.05 = 5 vol points) the vega charge covers
 * @param capsLongOptions an underlying held only as long options requires at most their value, add-ons included
 *     (false is v0.1's model, which could require more than a buyer can lose)
 */
public record PortfolioMargin(double gammaShock, double vegaShock, double initialMultiplier, boolean capsLongOptions) {

  public static final PortfolioMargin DEFAULT = new PortfolioMargin(0.05, 0.05, 1.3, true);

  public PortfolioMargin(double gammaShock, double vegaShock, double initialMultiplier) {
    this(gammaShock, vegaShock, initialMultiplier, true);
  }

  public PortfolioMargin withLongOptionsCap(boolean caps) {
    return new PortfolioMargin(gammaShock, vegaShock, initialMultiplier, caps);
  }

  public PortfolioMargin {
    Checks.fraction("gammaShock", gammaShock);
    Checks.fraction("vegaShock", vegaShock);
    if (!(initialMultiplier >= 1)) {
      throw new IllegalArgumentException("initialMultiplier must be >= 1: " + initialMultiplier);
    }
  }

  /** Maintenance margin of positions {@code [from, to)}, all on one underlying. */
  public double maintenance(double[] quantities, RiskArray[] arrays, int from, int to) {
    if (from >= to) {
      return 0;
    }
    int scenarios = arrays[from].scenarios();
    double worst = 0;
    for (int s = 0; s < scenarios; s++) {
      double pnl = 0;
      for (int i = from; i < to; i++) {
        pnl += quantities[i] * arrays[i].pnl(s);
      }
      worst = Math.min(worst, pnl);
    }
    double gamma = 0;
    double vega = 0;
    for (int i = from; i < to; i++) {
      gamma += quantities[i] * arrays[i].gamma();
      vega += quantities[i] * arrays[i].vega();
    }
    double move = arrays[from].spot() * gammaShock;
    return -worst + 0.5 * Math.max(0, -gamma) * move * move + Math.abs(vega) * vegaShock;
  }

  /** Index of the scenario with the lowest weighted P&L for positions {@code [from, to)}. */
  public int worstScenario(double[] quantities, RiskArray[] arrays, int from, int to) {
    int worstAt = 0;
    double worst = Double.POSITIVE_INFINITY;
    for (int s = 0; s < arrays[from].scenarios(); s++) {
      double pnl = 0;
      for (int i = from; i < to; i++) {
        pnl += quantities[i] * arrays[i].pnl(s);
      }
      if (pnl < worst) {
        worst = pnl;
        worstAt = s;
      }
    }
    return worstAt;
  }

  public double initial(double maintenance) {
    return maintenance * initialMultiplier;
  }
}
