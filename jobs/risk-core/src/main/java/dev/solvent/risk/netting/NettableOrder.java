package dev.solvent.risk.netting;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A liquidation order that may be crossed internally: one instrument, one instant.
 *
 * @param side +1 buys (closes a short), −1 sells (closes a long)
 * @param quantity contracts, positive, a whole number of lots
 * @param limitPrice the worst price the order accepts (its bankruptcy price for a partial liquidation)
 */
public record NettableOrder(String orderId, String accountId, int side, BigDecimal quantity, BigDecimal limitPrice) {

  public NettableOrder {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(accountId, "accountId");
    if (side != 1 && side != -1) {
      throw new IllegalArgumentException("side must be +1 or -1: " + side);
    }
    if (quantity.signum() <= 0) {
      throw new IllegalArgumentException("quantity must be positive: " + quantity);
    }
  }

  /** Whether a fill at {@code price} respects the limit: a buy pays at most it, a sell receives at least it. */
  boolean accepts(BigDecimal price) {
    return side > 0 ? price.compareTo(limitPrice) <= 0 : price.compareTo(limitPrice) >= 0;
  }
}
