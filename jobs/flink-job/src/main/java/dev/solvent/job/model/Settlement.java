package dev.solvent.job.model;

import dev.solvent.risk.account.Account;
import dev.solvent.risk.ledger.Payoff;
import java.math.BigDecimal;

/**
 * What the insurance fund must book for one event: a liquidation fill's penalty (in) or deficit (out), or a seed
 * deposit. For a deficit, the bankrupt position's side, price and size let the fund ask ADL to cover a shortfall.
 *
 * @param sequence the account event's sequence, for a fixed order of settlements at one instant
 * @param currency what the amounts are in: the account's currency ({@code Account.QUOTE} or a coin); null in
 *     settlements buffered before the field existed, which were all in the quote
 * @param payoff the bankrupt position's payoff (null read as LINEAR, as for currency)
 */
public record Settlement(String fundId, long time, String accountId, long sequence, String instrumentId,
    String reference, BigDecimal penalty, BigDecimal deficit, BigDecimal seed, int positionSide,
    double bankruptcyPrice, double markPrice, double contractSize, double lotSize, String currency, Payoff payoff) {

  public static Settlement seed(String fundId, String currency, long time, String accountId, long sequence,
      BigDecimal amount) {
    return new Settlement(fundId, time, accountId, sequence, null, "deposit/" + accountId + "/" + sequence,
        BigDecimal.ZERO, BigDecimal.ZERO, amount, 0, 0, 0, 0, 0, currency, Payoff.LINEAR);
  }

  /** The amounts' currency. */
  public String amountCurrency() {
    return currency == null ? Account.QUOTE : currency;
  }

  /** The bankrupt position's payoff. */
  public Payoff positionPayoff() {
    return payoff == null ? Payoff.LINEAR : payoff;
  }

  /**
   * The fund stage's key: a fund keeps one balance and one contiguous ledger per currency (as venues keep their
   * coin-margined funds in the coin); the quote's keeps the fund id alone, as before coin-margined accounts.
   */
  public String fundKey() {
    return Account.QUOTE.equals(amountCurrency()) ? fundId : fundId + "/" + amountCurrency();
  }
}
