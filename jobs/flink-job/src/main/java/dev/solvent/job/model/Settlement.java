package dev.solvent.job.model;

import java.math.BigDecimal;

/**
 * What the insurance fund must book for one event: a liquidation fill's penalty (in) or deficit (out), or a seed
 * deposit. For a deficit, the bankrupt position's side, price and size let the fund ask ADL to cover a shortfall.
 *
 * @param sequence the account event's sequence, for a fixed order of settlements at one instant
 */
public record Settlement(String fundId, long time, String accountId, long sequence, String instrumentId,
    String reference, BigDecimal penalty, BigDecimal deficit, BigDecimal seed, int positionSide,
    double bankruptcyPrice, double markPrice, double contractSize, double lotSize) {

  public static Settlement seed(String fundId, long time, String accountId, long sequence, BigDecimal amount) {
    return new Settlement(fundId, time, accountId, sequence, null, "deposit/" + accountId + "/" + sequence,
        BigDecimal.ZERO, BigDecimal.ZERO, amount, 0, 0, 0, 0, 0);
  }
}
