package dev.solvent.risk.auction;

/** The price decay of a Dutch auction ({@link DutchAuctionCurve}). */
public enum CurveShape {
  /** A fixed fraction cut at each step (MakerDAO's StairstepExponentialDecrease). */
  EXPONENTIAL,
  /** Straight to zero over a duration (MakerDAO's LinearDecrease). */
  LINEAR
}
