package dev.solvent.job.io;

/**
 * How output records reach Kafka ({@code output.delivery}).
 *
 * <p>{@link #EXACTLY_ONCE}: each checkpoint commits a transaction, so a {@code read_committed} consumer sees every
 * record once, one checkpoint interval after it was written. {@link #AT_LEAST_ONCE}: the idempotent producer appends
 * at once and no transaction holds records back; after a failure the job re-emits, from its last checkpoint, records
 * a consumer may already have seen, byte for byte the same (outputs are deterministic), and the consumer drops them
 * by their identity (README "Live": the consumer's contract).
 */
public enum Delivery {
  EXACTLY_ONCE,
  AT_LEAST_ONCE
}
