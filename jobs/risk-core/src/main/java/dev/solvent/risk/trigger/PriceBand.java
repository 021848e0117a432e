package dev.solvent.risk.trigger;

import java.util.Objects;

/**
 * The prices of one underlying inside which an account's outputs cannot change, all else equal: a new price in
 * {@code [low, high]} needs no revaluation while the underlying's realized-volatility multiplier stays in
 * {@code [multiplierLow, multiplierHigh]} (the range the band was computed for). A band whose edges are NaN contains
 * no price: every new price of the underlying revalues the account.
 */
public record PriceBand(String underlying, double low, double high, double multiplierLow, double multiplierHigh) {

  public PriceBand {
    Objects.requireNonNull(underlying, "underlying");
  }

  /** A band that holds only at a multiplier of exactly 1 (dynamic margin calm or off). */
  public PriceBand(String underlying, double low, double high) {
    this(underlying, low, high, 1, 1);
  }

  /** Revalue at every price of the underlying. */
  public static PriceBand none(String underlying) {
    return new PriceBand(underlying, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }

  /** No price of the underlying, and no multiplier, can change the account's outputs. */
  public static PriceBand all(String underlying) {
    return new PriceBand(underlying, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, Double.POSITIVE_INFINITY);
  }

  public boolean contains(double price) {
    return price >= low && price <= high;
  }

  public boolean holdsMultiplier(double multiplier) {
    return multiplier >= multiplierLow && multiplier <= multiplierHigh;
  }

  public boolean isEmpty() {
    return !(low <= high) || !(multiplierLow <= multiplierHigh);
  }

  /** The prices and multipliers both bands hold. */
  PriceBand intersect(PriceBand other) {
    if (isEmpty() || other.isEmpty()) {
      return none(underlying);
    }
    PriceBand both = new PriceBand(underlying, Math.max(low, other.low), Math.min(high, other.high),
        Math.max(multiplierLow, other.multiplierLow), Math.min(multiplierHigh, other.multiplierHigh));
    return both.isEmpty() ? none(underlying) : both;
  }
}
