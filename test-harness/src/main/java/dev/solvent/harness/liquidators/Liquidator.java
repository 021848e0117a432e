package dev.solvent.harness.liquidators;

/**
 * A third-party liquidator of the lending auctions.
 *
 * @param name its name on its bids
 * @param capital debt-asset units it can repay at once (reserved while a bid is in flight)
 * @param minProfit profit in the debt asset, net of gas, below which it does not bid
 * @param latencyMillis from seeing an auction step to its bid's arrival
 */
public record Liquidator(String name, double capital, double minProfit, long latencyMillis) {}
