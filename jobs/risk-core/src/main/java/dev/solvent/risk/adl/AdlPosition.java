package dev.solvent.risk.adl;

/**
 * An account's position in one instrument as of {@code time}, as the ADL ranking keeps it (quantity 0 removes it).
 *
 * @param bankruptcyPrice the position's bankruptcy price (NaN when none)
 */
public record AdlPosition(String instrumentId, String accountId, long time, double quantity, double entryPrice,
    double markPrice, double bankruptcyPrice) {

  /** The account no longer holds the instrument. */
  public static AdlPosition closed(String instrumentId, String accountId, long time) {
    return new AdlPosition(instrumentId, accountId, time, 0, 0, 0, Double.NaN);
  }

  public boolean isClosed() {
    return quantity == 0;
  }
}
