package dev.solvent.risk.oracle;

/**
 * When an oracle publishes (the deviation-threshold + heartbeat policy of push oracles such as Chainlink): on the
 * first price, when the index moved more than the threshold since the last publication, when the heartbeat elapsed,
 * or when the price became stale or live again.
 */
public record PublishPolicy(double deviationThreshold, long heartbeatMillis) {

  /** Why to publish now, or null to stay silent. */
  public PublishReason reason(boolean first, double lastIndex, long lastPublish, boolean lastStale, double index, boolean stale,
      long now) {
    if (first) {
      return PublishReason.FIRST;
    }
    if (stale != lastStale) {
      return PublishReason.STALENESS_CHANGE;
    }
    if (!Double.isNaN(index) && !Double.isNaN(lastIndex) && Math.abs(index / lastIndex - 1) > deviationThreshold) {
      return PublishReason.DEVIATION;
    }
    return now - lastPublish >= heartbeatMillis ? PublishReason.HEARTBEAT : null;
  }
}
