package dev.solvent.risk.ledger;

import dev.solvent.risk.instrument.Instrument;
import dev.solvent.risk.instrument.InverseContract;
import dev.solvent.risk.instrument.OptionContract;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How a position's value in the account's currency follows the price a fill or a mark names, per contract: what the
 * ledger's cash accounting moves (README "Money").
 *
 * <pre>
 *   LINEAR   value = contract size × price          (perpetuals and futures settled in the quote)
 *   INVERSE  value = −contract size / price        (inverse contracts, in the coin: long Q is short Q × size USD)
 *   PREMIUM  value = contract size × premium        (options, premium in the account's currency)
 * </pre>
 *
 * A fill of q contracts moves value(q, price) out of cash into the position's cost, and the position is worth
 * value(q, mark), so equity = cash + Σ value(q, mark) and P&L = value(q, mark) − value(q, entry): for an inverse
 * contract q × size × (1/entry − 1/mark). Linear and inverse costs count in the risk model's wallet balance (their
 * P&L is valued against entry); an option's premium paid has left the wallet and its premium value is its worth.
 */
public enum Payoff {
  LINEAR, INVERSE, PREMIUM;

  /**
   * Decimal places of an inverse amount: quantity × size / price is the ledger's one division, rounded half-even at
   * 1e-24 coin (16 orders of magnitude below a satoshi) once per amount, so no other rounding enters the books.
   */
  public static final int INVERSE_SCALE = 24;

  public static Payoff of(Instrument instrument) {
    if (instrument instanceof InverseContract) {
      return INVERSE;
    }
    return instrument instanceof OptionContract ? PREMIUM : LINEAR;
  }

  /** Signed value of {@code quantity} contracts at a price, in the account's currency. */
  public BigDecimal value(BigDecimal quantity, BigDecimal price, BigDecimal contractSize) {
    return this == INVERSE ? quantity.multiply(contractSize).divide(price, INVERSE_SCALE, RoundingMode.HALF_EVEN)
        .negate() : quantity.multiply(price).multiply(contractSize);
  }

  /** Signed value of one contract at a price, in doubles. */
  public double value(double price, double contractSize) {
    return this == INVERSE ? -contractSize / price : price * contractSize;
  }

  /** Whether the position's cost is part of the risk model's wallet balance. */
  public boolean costInWallet() {
    return this != PREMIUM;
  }

  /** The average entry price of {@code quantity} contracts that cost {@code cost}, exact to 34 digits. */
  public BigDecimal entryPrice(BigDecimal cost, BigDecimal quantity, BigDecimal contractSize) {
    return this == INVERSE ? quantity.multiply(contractSize).divide(cost, MathContext.DECIMAL128).abs()
        : cost.divide(quantity.multiply(contractSize), MathContext.DECIMAL128).abs();
  }

  /** The average entry price in doubles, for the risk model. */
  public double entryPrice(double cost, double quantity, double contractSize) {
    return this == INVERSE ? Math.abs(quantity * contractSize / cost) : Math.abs(cost / (quantity * contractSize));
  }
}
