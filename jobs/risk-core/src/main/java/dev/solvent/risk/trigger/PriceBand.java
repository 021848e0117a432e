package dev.solvent.risk.trigger;

import java.util.Objects;

/**
 * The prices of one underlying inside which an account's outputs cannot change, all else equal: a new price in
 * {@code [low, high]} needs no revaluation. A band whose edges are NaN contains no price: every new price of the
 * underlying revalues the account.
 */
public record PriceBand(String underlying, double low, double high) {

  public PriceBand {
    Objects.requireNonNull(underlying, "underlying");
  }

  /** Revalue at every price of the underlying. */
  public static PriceBand none(String underlying) {
    return new PriceBand(underlying, Double.NaN, Double.NaN);
  }

  /** No price of the underlying can change the account's outputs. */
  public static PriceBand all(String underlying) {
    return new PriceBand(underlying, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  public boolean contains(double price) {
    return price >= low && price <= high;
  }

  public boolean isEmpty() {
    return !(low <= high);
  }

  /** The prices both bands hold. */
  PriceBand intersect(PriceBand other) {
    if (isEmpty() || other.isEmpty()) {
      return none(underlying);
    }
    double lo = Math.max(low, other.low);
    double hi = Math.min(high, other.high);
    return lo <= hi ? new PriceBand(underlying, lo, hi) : none(underlying);
  }
}
