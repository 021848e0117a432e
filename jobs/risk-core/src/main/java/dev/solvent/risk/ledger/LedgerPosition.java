package dev.solvent.risk.ledger;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A position in the exact ledger.
 *
 * @param quantity signed contracts
 * @param cost signed cost of the open quantity in the account's currency (Σ qty × {@link Payoff#value} of the
 *     opening fills, reduced pro rata on closes), from which the average entry price follows. It never moves money:
 *     the cash balance does.
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

  /** The average entry price, exact to 34 digits; not defined when flat. */
  public BigDecimal entryPrice(BigDecimal contractSize, Payoff payoff) {
    return payoff.entryPrice(cost, quantity, contractSize);
  }

  /** The average entry price in doubles, for the risk model (a statistical view of the exact books). */
  public double entryPrice(double contractSize, Payoff payoff) {
    return payoff.entryPrice(cost.doubleValue(), quantity.doubleValue(), contractSize);
  }
}
