package dev.solvent.job.ingest;

/**
 * A record as read from a source, before validation: its coordinates, its bytes (always Avro single-object encoded
 * when decodable; JSON lines are re-encoded at the source so one decoder serves both), its event time, or why it
 * cannot be decoded.
 *
 * @param value the encoded value, or the original bytes (truncated) when {@code error} is set
 * @param valueSize size of the original value in bytes
 * @param eventTime the record's event time; {@link Long#MIN_VALUE} when undecodable
 * @param heartbeat whether it is a heartbeat (its watermark is emitted at once)
 * @param errorReason a DeadLetterReason symbol when the record cannot be used, else null
 */
public record Ingested(String topic, int partition, long offset, byte[] key, byte[] value, int valueSize,
    long eventTime, boolean heartbeat, String errorReason, String errorDetail) {

  public boolean failed() {
    return errorReason != null;
  }

  public SourceRef source() {
    return new SourceRef(topic, partition, offset);
  }
}
