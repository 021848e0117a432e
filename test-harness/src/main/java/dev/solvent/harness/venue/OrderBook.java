package dev.solvent.harness.venue;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One underlying's book at the venue, as a statistical model: a uniform depth of {@code depthPerPercent} quote
 * currency per 1 % of price on each side of the mid, so taking notional N moves the price by N / depth percent and
 * fills at the average of the path. The move then decays (market makers refill the book) with the given half-life.
 * The mid is a reference price (the other venues' median) times one plus the decayed impact of every fill so far.
 * Doubles throughout: this is a model of a market; the fills it prints are rounded to decimals by the venue.
 */
public final class OrderBook {

  /** A fill: contracts taken (positive) and their average price; an empty fill has quantity 0. */
  public record Take(double quantity, double averagePrice, double endPrice) {}

  private record Impact(long time, double move, int cascadeDepth) {}

  private static final double NEGLIGIBLE = 1e-7;

  private final double depthPerPercent;
  private final double halfLifeMillis;
  private final Deque<Impact> impacts = new ArrayDeque<>();

  public OrderBook(double depthPerPercent, double halfLifeMillis) {
    if (!(depthPerPercent > 0) || !(halfLifeMillis > 0)) {
      throw new IllegalArgumentException("depth and half-life must be positive");
    }
    this.depthPerPercent = depthPerPercent;
    this.halfLifeMillis = halfLifeMillis;
  }

  public double depthPerPercent() {
    return depthPerPercent;
  }

  /** The relative move of the mid at {@code time} from every earlier fill, decayed. */
  public double impact(long time) {
    double sum = 0;
    for (Impact i : impacts) {
      if (i.time() <= time) {
        sum += i.move() * Math.pow(0.5, (time - i.time()) / halfLifeMillis);
      }
    }
    return sum;
  }

  /**
   * The deepest cascade level among fills whose impact at {@code time} is still at least {@code material} (relative),
   * or -1 when no fill's impact is: a liquidation triggered now is one level deeper than that.
   */
  public int activeCascadeDepth(long time, double material) {
    int depth = -1;
    for (Impact i : impacts) {
      if (i.time() <= time && Math.abs(i.move()) * Math.pow(0.5, (time - i.time()) / halfLifeMillis) >= material) {
        depth = Math.max(depth, i.cascadeDepth());
      }
    }
    return depth;
  }

  public double mid(double reference, long time) {
    return reference * (1 + impact(time));
  }

  /**
   * Takes up to {@code quantity} contracts ({@code buy}: from the asks, else from the bids) no worse than {@code limit}
   * (NaN: no limit), in whole lots, and moves the mid by what was taken; the move remembers the cascade level of the
   * liquidation that caused it.
   */
  public Take take(boolean buy, double quantity, double contractSize, double lot, double limit, double reference,
      long time, int cascadeDepth) {
    double mid = mid(reference, time);
    double wanted = quantity * contractSize * mid / depthPerPercent / 100; // relative move to take it all
    double room = Double.isNaN(limit) ? Double.POSITIVE_INFINITY : (buy ? limit - mid : mid - limit) / mid;
    double move = Math.min(wanted, Math.max(0, room));
    double filled = Math.floor(move * 100 * depthPerPercent / (contractSize * mid) / lot + 1e-9) * lot;
    filled = Math.min(filled, quantity);
    if (filled <= 0) {
      return new Take(0, Double.NaN, mid);
    }
    double moved = filled * contractSize * mid / depthPerPercent / 100;
    double sign = buy ? 1 : -1;
    impacts.addLast(new Impact(time, sign * moved, cascadeDepth));
    prune(time);
    return new Take(filled, mid * (1 + sign * moved / 2), mid * (1 + sign * moved));
  }

  private void prune(long time) {
    while (!impacts.isEmpty() && Math.abs(impacts.peekFirst().move())
        * Math.pow(0.5, (time - impacts.peekFirst().time()) / halfLifeMillis) < NEGLIGIBLE) {
      impacts.removeFirst();
    }
  }
}
