package dev.solvent.risk.margin;

import dev.solvent.risk.instrument.Checks;

/**
 * Margin add-ons that follow the market instead of a fixed table:
 *
 * <ul>
 *   <li><b>Volatility scaling</b>: maintenance × clamp(realizedVol / referenceVol, 1, maxVolMultiplier). Calm
 *       markets never lower margin below the schedule; a crash raises it with the realized volatility.</li>
 *   <li><b>Position size</b>: the notional brackets of {@link MarginSchedule} (rate rises with size).</li>
 *   <li><b>Liquidity</b>: the expected slippage of unwinding the position into the book. With the book's notional
 *       depth D within 2% of mid spread evenly, selling N moves the price 2%·N/D and fills on average half that, so
 *       the cost is N × min(0.01·N/D, maxSlippage) = 0.01·N²/D. A position as large as the 2% depth pays 1%.</li>
 * </ul>
 */
public record DynamicMargin(boolean enabled, double referenceVol, double maxVolMultiplier, double maxSlippage) {

  /** Average slippage, as a fraction, of consuming a book's whole ±2% depth: half of 2%. */
  static final double SLIPPAGE_AT_FULL_DEPTH = 0.01;

  public static final DynamicMargin DEFAULT = new DynamicMargin(true, 0.60, 3.0, 0.25);
  public static final DynamicMargin OFF = new DynamicMargin(false, 0.60, 1.0, 0.25);

  public DynamicMargin {
    Checks.positive("referenceVol", referenceVol);
    if (!(maxVolMultiplier >= 1)) {
      throw new IllegalArgumentException("maxVolMultiplier must be >= 1: " + maxVolMultiplier);
    }
    Checks.fraction("maxSlippage", maxSlippage);
  }

  /** Multiplier on maintenance margin for an underlying with this annualized realized volatility (NaN: unknown). */
  public double volMultiplier(double realizedVol) {
    if (!enabled || !(realizedVol > 0)) {
      return 1;
    }
    return Math.min(Math.max(realizedVol / referenceVol, 1), maxVolMultiplier);
  }

  /**
   * Expected cost of unwinding {@code notional} against {@code depth2Pct} of book depth on the side it trades
   * against. Unknown depth (NaN or ≤ 0) charges nothing: the add-on only applies where the book is observed.
   */
  public double liquidityAddOn(double notional, double depth2Pct) {
    if (!enabled || !(depth2Pct > 0)) {
      return 0;
    }
    double n = Math.abs(notional);
    return n * Math.min(SLIPPAGE_AT_FULL_DEPTH * n / depth2Pct, maxSlippage);
  }
}
