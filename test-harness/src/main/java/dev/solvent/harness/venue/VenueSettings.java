package dev.solvent.harness.venue;

import java.util.Map;

/**
 * How the simulated venue fills the engine's orders.
 *
 * @param depthPerPercent quote currency resting within 1 % of the mid on each side, by underlying
 * @param defaultDepthPerPercent the depth of an underlying not listed
 * @param resilienceHalfLifeMillis how fast the book refills after a fill moved it
 * @param latencyMillis from an order's event time to its fill's
 * @param quoteIntervalMillis how often the venue publishes its own price (and at every fill)
 * @param optionSpread options fill at the order's mark plus (buys) or minus (sells) this share of it
 * @param impactOnSources whether the venue's impact moves the other venues' quotes too (arbitrage): true for a
 *     generated market, false for recorded history, whose prices already hold the real cascade
 * @param source the venue's own source name in {@code market.ticks}
 */
public record VenueSettings(Map<String, Double> depthPerPercent, double defaultDepthPerPercent,
    long resilienceHalfLifeMillis, long latencyMillis, long quoteIntervalMillis, double optionSpread,
    boolean impactOnSources, String source) {

  public VenueSettings {
    depthPerPercent = Map.copyOf(depthPerPercent);
  }

  public double depthOf(String underlying) {
    return depthPerPercent.getOrDefault(underlying, defaultDepthPerPercent);
  }
}
