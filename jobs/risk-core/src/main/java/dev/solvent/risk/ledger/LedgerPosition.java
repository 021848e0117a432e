package dev.solvent.risk.ledger;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * A position in the exact ledger.
 *
 * @param quantity signed contracts
 * @param cost signed quote-currency cost of the open quantity (Σ qty × price × contract size of the opening fills,
 *     reduced pro rata on closes); cost / (quantity × contract size) is the average entry price. It never moves
 *     money: the cash balance does.
 */
public record LedgerPosition(String instrumentId, BigDecimal quantity, BigDecimal cost) {

  public LedgerPosition {
    Objects.requireNonNull(instrumentId, "instrumentId");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(cost, "cost");
  }

  public boolean isFlat() {
    return quantity.signum() == 0;
  }

  public int side() {
    return quantity.signum() >= 0 ? 1 : -1;
  }

  /** The average entry price, |cost / (quantity × contract size)|, exact to 34 digits; not defined when flat. */
  public BigDecimal entryPrice(BigDecimal contractSize) {
    return cost.divide(quantity.multiply(contractSize), MathContext.DECIMAL128).abs();
  }

  /** The average entry price in doubles, for the risk model (a statistical view of the exact books). */
  public double entryPrice(double contractSize) {
    return Math.abs(cost.doubleValue() / (quantity.doubleValue() * contractSize));
  }
}
