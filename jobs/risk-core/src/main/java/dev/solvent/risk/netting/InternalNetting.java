package dev.solvent.risk.netting;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Crosses opposing liquidation orders of one instrument at one instant against each other at the mark, before any of
 * them reaches the market (issue 17, "internal netting"): a long being liquidated sells to a short being liquidated,
 * neither moves the book, and only the remainder goes to the venue.
 *
 * <p>Only orders whose limit accepts the mark take part (a sell limited above the mark, or a buy below it, would fill
 * worse than it may). The larger side is allocated to the smaller in a fixed order — largest quantity first, ties by
 * order id — so the result depends only on the set of orders, not on their arrival (deterministic at any parallelism,
 * given all of an instrument's orders of the instant in one place). Quantities stay whole multiples of the lot.
 */
public final class InternalNetting {

  private InternalNetting() {}

  /** A netted pair: {@code quantity} of the sell crossed with the buy at {@code price}. */
  public record Cross(String sellOrderId, String sellAccountId, String buyOrderId, String buyAccountId,
      BigDecimal quantity, BigDecimal price) {}

  /**
   * @param crosses the pairs, in allocation order
   * @param remaining each order's quantity left for the venue (orders fully netted are absent), by order id
   */
  public record Result(List<Cross> crosses, Map<String, BigDecimal> remaining) {}

  private static final Comparator<NettableOrder> PRIORITY = Comparator
      .comparing(NettableOrder::quantity, Comparator.reverseOrder()).thenComparing(NettableOrder::orderId);

  /**
   * @param orders one instrument's liquidation orders of one instant
   * @param mark the oracle mark they cross at
   * @param lot the instrument's lot size (every quantity is a multiple of it)
   */
  public static Result net(List<NettableOrder> orders, BigDecimal mark, BigDecimal lot) {
    List<NettableOrder> sells = new ArrayList<>();
    List<NettableOrder> buys = new ArrayList<>();
    Map<String, BigDecimal> remaining = new LinkedHashMap<>();
    for (NettableOrder o : orders.stream().sorted(Comparator.comparing(NettableOrder::orderId)).toList()) {
      if (remaining.put(o.orderId(), o.quantity()) != null) {
        throw new IllegalArgumentException("order " + o.orderId() + " given twice");
      }
      if (o.quantity().remainder(lot).signum() != 0) {
        throw new IllegalArgumentException("order " + o.orderId() + " is not a whole number of lots of " + lot);
      }
      if (o.accepts(mark)) {
        (o.side() > 0 ? buys : sells).add(o);
      }
    }
    sells.sort(PRIORITY);
    buys.sort(PRIORITY);
    List<Cross> crosses = new ArrayList<>();
    int s = 0;
    int b = 0;
    while (s < sells.size() && b < buys.size()) {
      NettableOrder sell = sells.get(s);
      NettableOrder buy = buys.get(b);
      BigDecimal quantity = remaining.get(sell.orderId()).min(remaining.get(buy.orderId()));
      crosses.add(new Cross(sell.orderId(), sell.accountId(), buy.orderId(), buy.accountId(), quantity, mark));
      if (take(remaining, sell.orderId(), quantity)) {
        s++;
      }
      if (take(remaining, buy.orderId(), quantity)) {
        b++;
      }
    }
    return new Result(crosses, remaining);
  }

  /** Takes {@code quantity} off an order's remainder; whether that filled it (it is then removed). */
  private static boolean take(Map<String, BigDecimal> remaining, String orderId, BigDecimal quantity) {
    BigDecimal left = remaining.get(orderId).subtract(quantity);
    if (left.signum() == 0) {
      remaining.remove(orderId);
      return true;
    }
    remaining.put(orderId, left);
    return false;
  }
}
