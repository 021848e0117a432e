package dev.solvent.risk.book;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The account's one liquidation in progress: its number, its attempt (1, then +1 per escalation), the event time at
 * which an unfilled order escalates ({@link Long#MAX_VALUE} once nothing is left to escalate to), and every order
 * emitted for it (late fills of replaced orders still settle).
 */
public record PendingLiquidation(long number, int attempt, long deadline, PendingOrder[] orders) {

  /** No escalation left: a takeover still unfilled is the venue's to work off. */
  public static final long NO_DEADLINE = Long.MAX_VALUE;
  /** The attempt of a portfolio offered to the risk auction, before any order (its orders are the takeover's). */
  public static final int OFFER_ATTEMPT = 0;

  public PendingLiquidation {
    orders = orders.clone();
  }

  @Override
  public PendingOrder[] orders() {
    return orders.clone();
  }

  public boolean filled() {
    for (PendingOrder order : orders) {
      if (order.remaining().signum() > 0) {
        return false;
      }
    }
    return true;
  }

  /** Whether this is a portfolio offered to the risk auction, waiting for its close and a takeover. */
  public boolean offer() {
    return attempt == OFFER_ATTEMPT;
  }

  /** Whether the deadline is a time to escalate at (a takeover has none). */
  public boolean escalates() {
    return deadline != NO_DEADLINE;
  }

  PendingOrder order(String orderId) {
    for (PendingOrder order : orders) {
      if (order.orderId().equals(orderId)) {
        return order;
      }
    }
    return null;
  }

  PendingLiquidation fill(String orderId, BigDecimal filled) {
    PendingOrder[] next = orders.clone();
    for (int i = 0; i < next.length; i++) {
      if (next[i].orderId().equals(orderId)) {
        next[i] = next[i].filled(filled);
      }
    }
    return new PendingLiquidation(number, attempt, deadline, next);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PendingLiquidation p && number == p.number && attempt == p.attempt && deadline == p.deadline
        && Arrays.equals(orders, p.orders);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(number) * 31 + attempt;
  }

  @Override
  public String toString() {
    return "PendingLiquidation[" + number + "/" + attempt + " deadline=" + deadline + " " + Arrays.toString(orders)
        + "]";
  }
}
