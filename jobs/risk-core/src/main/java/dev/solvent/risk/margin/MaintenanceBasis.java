package dev.solvent.risk.margin;

/**
 * Which notional a linear position's margin bracket and margin are taken at: the venue convention that decides its
 * liquidation price (README "Venue conventions").
 */
public enum MaintenanceBasis {
  /**
   * The position's notional at the mark price, so the margin moves with the price and the liquidation price is
   * where the notional <em>at that price</em> meets the bracket (Binance, "How to Calculate Liquidation Price of
   * USDⓈ-M Futures Contracts"; also OKX).
   */
  MARK,
  /**
   * The position's value at its entry price, fixed while the position is: Bybit, "Liquidation Price (USDT
   * Contract)", isolated: LP = entry − (IM − MM)/size with IM = value/leverage, MM = value × MMR − deduction.
   */
  ENTRY
}
