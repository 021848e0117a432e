package dev.solvent.risk.insurance;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An insurance fund's books: balance and the sequence of its ledger. Penalties come in; deficits are paid out while
 * the balance lasts and the rest is a shortfall, handed to auto-deleveraging. The balance never goes negative, and
 * every entry gets the next sequence number, so a gap or repeat in the ledger shows a lost or duplicated entry.
 */
public record InsuranceFund(String fundId, BigDecimal balance, long sequence) {

  public InsuranceFund {
    Objects.requireNonNull(fundId, "fundId");
    if (balance.signum() < 0) {
      throw new IllegalArgumentException("an insurance fund's balance is never negative: " + balance);
    }
  }

  public static InsuranceFund empty(String fundId) {
    return new InsuranceFund(fundId, BigDecimal.ZERO, 0);
  }

  /** Kinds of ledger entries (the topic's LedgerEntryKind). */
  public enum Kind { SEED, PENALTY_INCOME, DEFICIT_PAYOUT, SHORTFALL }

  /** One ledger entry and the fund after it. */
  public record Entry(Kind kind, long sequence, BigDecimal amount, BigDecimal balanceAfter, BigDecimal shortfall,
      InsuranceFund fund) {}

  public Entry seed(BigDecimal amount) {
    return credit(Kind.SEED, amount);
  }

  public Entry penalty(BigDecimal amount) {
    return credit(Kind.PENALTY_INCOME, amount);
  }

  /** Pays what the balance allows; the first entry pays, a SHORTFALL entry follows when it was not enough. */
  public Entry[] deficit(BigDecimal amount) {
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("a deficit is positive: " + amount);
    }
    BigDecimal paid = amount.min(balance);
    BigDecimal shortfall = amount.subtract(paid);
    InsuranceFund afterPayout = new InsuranceFund(fundId, balance.subtract(paid), sequence + 1);
    Entry payout = new Entry(Kind.DEFICIT_PAYOUT, sequence + 1, paid.negate(), afterPayout.balance, BigDecimal.ZERO,
        afterPayout);
    if (shortfall.signum() == 0) {
      return new Entry[] {payout};
    }
    InsuranceFund afterShortfall = new InsuranceFund(fundId, afterPayout.balance, sequence + 2);
    return new Entry[] {payout, new Entry(Kind.SHORTFALL, sequence + 2, BigDecimal.ZERO, afterShortfall.balance,
        shortfall, afterShortfall)};
  }

  private Entry credit(Kind kind, BigDecimal amount) {
    if (amount.signum() < 0) {
      throw new IllegalArgumentException(kind + " amount is positive: " + amount);
    }
    InsuranceFund after = new InsuranceFund(fundId, balance.add(amount), sequence + 1);
    return new Entry(kind, after.sequence, amount, after.balance, BigDecimal.ZERO, after);
  }
}
