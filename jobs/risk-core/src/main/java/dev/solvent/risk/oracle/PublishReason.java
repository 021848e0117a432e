package dev.solvent.risk.oracle;

/** Why an oracle publishes a price ({@link PublishPolicy}); the names are those of the oracle.prices topic. */
public enum PublishReason {
  FIRST,
  DEVIATION,
  HEARTBEAT,
  STALENESS_CHANGE
}
