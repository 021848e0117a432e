package dev.solvent.risk.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Conversions between the risk model's doubles and the ledger's exact decimals.
 *
 * <p>Representation (see README "Money"): balances, fills, fees, penalties, deficits, fund balances and order prices
 * are {@link BigDecimal}, exact, and leave Solvent at {@link #SCALE} decimal places. Risk-model quantities (marks,
 * margins, ratios, Greeks) are doubles with a relative error far below 1e-12 of the amounts involved. Where a model
 * number becomes money, it is rounded in the venue's favour: requirements and charges up, equity and payouts down,
 * so an account can never pass a check, or receive a cent, because of rounding.
 */
public final class Money {

  /** Decimal places of every amount on the wire (one satoshi). */
  public static final int SCALE = 8;

  private Money() {}

  /** A requirement or a charge: rounded up. */
  public static BigDecimal requirement(double amount) {
    return fromDouble(amount, RoundingMode.CEILING);
  }

  /** Equity, a payout or collateral returned: rounded down. */
  public static BigDecimal entitlement(double amount) {
    return fromDouble(amount, RoundingMode.FLOOR);
  }

  /** An exact decimal at the wire scale, rounded in the given direction. */
  public static BigDecimal atScale(BigDecimal amount, RoundingMode direction) {
    return amount.setScale(SCALE, direction);
  }

  public static BigDecimal fromDouble(double amount, RoundingMode direction) {
    if (!Double.isFinite(amount)) {
      throw new ArithmeticException("not a finite amount: " + amount);
    }
    // new BigDecimal(double) is the double's exact binary value: rounding happens once, here, in the stated direction.
    return new BigDecimal(amount).setScale(SCALE, direction);
  }
}
