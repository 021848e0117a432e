package dev.solvent.harness.liquidators;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The cost of one liquidation transaction, rising with congestion: {@code base × (1 + slope × n)} where n is the
 * number of liquidation events (auction starts and liquidation orders) in the trailing window, as gas prices rose
 * with the flood of liquidations on crash days.
 */
public final class GasMarket {

  private final double base;
  private final double slope;
  private final long windowMillis;
  private final Deque<Long> events = new ArrayDeque<>();

  public GasMarket(double base, double slope, long windowMillis) {
    this.base = base;
    this.slope = slope;
    this.windowMillis = windowMillis;
  }

  /** Records one liquidation event at {@code time} (called in event-time order). */
  public void congest(long time) {
    events.addLast(time);
  }

  public double cost(long time) {
    while (!events.isEmpty() && events.peekFirst() <= time - windowMillis) {
      events.removeFirst();
    }
    long recent = events.stream().filter(t -> t <= time).count();
    return base * (1 + slope * recent);
  }
}
