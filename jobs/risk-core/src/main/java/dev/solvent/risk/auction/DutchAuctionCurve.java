package dev.solvent.risk.auction;

import dev.solvent.risk.instrument.Checks;

/**
 * Price of a Dutch auction over time, in MakerDAO's Liquidations 2.0 form (MIP45, "abaci"): the auction starts at
 * top = oracle × (1 + startPremium) and decays as
 *
 * <pre>
 *   linear:      price(t) = top × max(0, 1 − t / duration)                      (LinearDecrease)
 *   exponential: price(t) = top × (1 − cut)^⌊t / step⌋                           (StairstepExponentialDecrease)
 * </pre>
 *
 * and must be reset (restarted at a fresh top) when it is older than {@code maxAgeMillis} or its price has fallen
 * more than {@code maxDiscount} below the oracle price (MakerDAO's tail and cusp), so collateral is never sold at a
 * stale or absurd price.
 */
public sealed interface DutchAuctionCurve {

  /** Price after {@code elapsedMillis}, given the price at start. */
  double price(double top, long elapsedMillis);

  /** Milliseconds between price steps (timers fire on these). */
  long stepMillis();

  /** Straight-line decay to zero over {@code durationMillis}, stepped every {@code stepMillis}. */
  record Linear(long durationMillis, long stepMillis) implements DutchAuctionCurve {
    public Linear {
      if (durationMillis <= 0 || stepMillis <= 0) {
        throw new IllegalArgumentException("duration and step must be positive");
      }
    }

    @Override
    public double price(double top, long elapsedMillis) {
      long stepped = elapsedMillis / stepMillis * stepMillis;
      return top * Math.max(0, 1 - (double) stepped / durationMillis);
    }
  }

  /** A cut of {@code cut} (0.01 = 1%) every {@code stepMillis}. */
  record Exponential(double cut, long stepMillis) implements DutchAuctionCurve {
    public Exponential {
      Checks.fraction("cut", cut);
      if (stepMillis <= 0) {
        throw new IllegalArgumentException("step must be positive");
      }
    }

    @Override
    public double price(double top, long elapsedMillis) {
      return top * Math.pow(1 - cut, elapsedMillis / stepMillis);
    }
  }

  /** The auction's start price. */
  static double top(double oraclePrice, double startPremium) {
    return oraclePrice * (1 + startPremium);
  }

  /** Whether an auction must restart: too old, or priced too far below the oracle. */
  static boolean needsReset(long elapsedMillis, double price, double oraclePrice, long maxAgeMillis,
      double maxDiscount) {
    return elapsedMillis > maxAgeMillis || price < oraclePrice * (1 - maxDiscount);
  }
}
