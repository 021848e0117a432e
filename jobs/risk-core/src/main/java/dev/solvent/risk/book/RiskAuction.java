package dev.solvent.risk.book;

/**
 * The risk auction of a whole portfolio (README "Risk auction"): an account that falls under maintenance is first
 * offered, all its positions and collateral, to registered backstop providers in a sealed-bid auction over an
 * event-time window; only if no acceptable bid takes it over is it liquidated as without one.
 *
 * @param windowMillis how long bids are taken: the auction closes this long after the offer
 * @param graceMillis how long after the close the venue has to book a winner's transfer before the account, still
 *     holding its positions, is liquidated as without an auction
 */
public record RiskAuction(boolean enabled, long windowMillis, long graceMillis) {

  public static final RiskAuction OFF = new RiskAuction(false, 0, 0);

  public RiskAuction {
    if (windowMillis < 0 || graceMillis < 0) {
      throw new IllegalArgumentException("window and grace are >= 0: " + windowMillis + ", " + graceMillis);
    }
  }
}
