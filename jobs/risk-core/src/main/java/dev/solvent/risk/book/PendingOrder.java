package dev.solvent.risk.book;

import java.math.BigDecimal;

/** An emitted liquidation order the account waits to see filled, with what its fills settle against. */
public record PendingOrder(String orderId, String instrumentId, int side, BigDecimal remaining,
    BigDecimal bankruptcyPrice, BigDecimal penaltyRate) {

  /** The same order with {@code filled} contracts less outstanding (never below zero). */
  PendingOrder filled(BigDecimal filled) {
    return new PendingOrder(orderId, instrumentId, side, remaining.subtract(filled).max(BigDecimal.ZERO),
        bankruptcyPrice, penaltyRate);
  }

  /** Replaced by a later attempt: still known, so a late fill settles, but no longer outstanding. */
  PendingOrder replaced() {
    return new PendingOrder(orderId, instrumentId, side, BigDecimal.ZERO, bankruptcyPrice, penaltyRate);
  }
}
