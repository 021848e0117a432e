package dev.solvent.risk.portfolio;

import java.util.Arrays;

/**
 * The market moves a portfolio is revalued under: every spot shock combined with every volatility shock, plus
 * extreme spot moves counted at a fraction of their loss (CME SPAN's "extreme move" scenarios: 3× the scan range
 * at 35% cover, because such moves are rare but short options lose convexly in them).
 *
 * @param spotShocks relative spot moves, e.g. −0.15 … +0.15
 * @param volShocks relative volatility moves applied as σ × (1 + shock), e.g. −0.25, 0, +0.25
 * @param extremeShocks relative spot moves revalued at the base volatility, e.g. −0.33, +0.33
 * @param extremeCover fraction of an extreme scenario's P&L that counts
 */
public record ScenarioGrid(double[] spotShocks, double[] volShocks, double[] extremeShocks, double extremeCover) {

  /** 7 spot × 3 vol shocks, ±15% spot and ±25% vol, plus ±33% extremes at 35% cover. */
  public static final ScenarioGrid DEFAULT = new ScenarioGrid(new double[] {-0.15, -0.10, -0.05, 0, 0.05, 0.10, 0.15},
      new double[] {-0.25, 0, 0.25}, new double[] {-0.33, 0.33}, 0.35);

  public ScenarioGrid {
    spotShocks = spotShocks.clone();
    volShocks = volShocks.clone();
    extremeShocks = extremeShocks.clone();
    for (double shock : spotShocks) {
      requireShock("spot", shock);
    }
    for (double shock : extremeShocks) {
      requireShock("extreme spot", shock);
    }
    for (double shock : volShocks) {
      requireShock("volatility", shock);
    }
    if (!(extremeCover >= 0 && extremeCover <= 1)) {
      throw new IllegalArgumentException("extremeCover must be in [0, 1]: " + extremeCover);
    }
  }

  public int size() {
    return spotShocks.length * volShocks.length + extremeShocks.length;
  }

  /** Relative spot move of scenario s (grid scenarios first, spot-major, then the extremes). */
  public double spotShock(int s) {
    int grid = spotShocks.length * volShocks.length;
    return s < grid ? spotShocks[s / volShocks.length] : extremeShocks[s - grid];
  }

  public double volShock(int s) {
    int grid = spotShocks.length * volShocks.length;
    return s < grid ? volShocks[s % volShocks.length] : 0;
  }

  /** The weight of scenario s's P&L: 1 on the grid, the cover fraction for extremes. */
  public double weight(int s) {
    return s < spotShocks.length * volShocks.length ? 1 : extremeCover;
  }

  public String describe(int s) {
    return String.format("spot %+.0f%%, vol %+.0f%%%s", 100 * spotShock(s), 100 * volShock(s),
        weight(s) < 1 ? String.format(" (extreme, %.0f%% cover)", 100 * weight(s)) : "");
  }

  private static void requireShock(String what, double shock) {
    if (!(shock > -1 && shock < 10)) {
      throw new IllegalArgumentException(what + " shock must be in (-1, 10): " + shock);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScenarioGrid g && Arrays.equals(spotShocks, g.spotShocks) && Arrays.equals(volShocks, g.volShocks)
        && Arrays.equals(extremeShocks, g.extremeShocks) && extremeCover == g.extremeCover;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(spotShocks) + Arrays.hashCode(volShocks)) + Arrays.hashCode(extremeShocks);
  }

  @Override
  public String toString() {
    return "ScenarioGrid[spot=" + Arrays.toString(spotShocks) + ", vol=" + Arrays.toString(volShocks) + ", extreme="
        + Arrays.toString(extremeShocks) + " at " + extremeCover + "]";
  }
}
