package dev.solvent.job.ingest;

import dev.solvent.avro.deadletter.DeadLetterReason;
import dev.solvent.schema.JsonFormat;
import dev.solvent.schema.UndecodableValueException;
import dev.solvent.schema.WireFormat;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns a source's raw bytes into an {@link Ingested} record: checks the size, decodes Avro single-object bytes or
 * a JSON line, and reads the event time; what fails carries its dead-letter reason. Used by every source, so Kafka
 * and files go through the same rules.
 */
public final class IngestDecoder<T extends SpecificRecord> implements Serializable {

  private static final long serialVersionUID = 1L;

  /** How a source's values are written. */
  public enum Format { AVRO, JSON }

  private final InputTopic<T> input;
  private final int maxValueBytes;
  private transient WireFormat<T> wire;

  public IngestDecoder(InputTopic<T> input, int maxValueBytes) {
    this.input = input;
    this.maxValueBytes = maxValueBytes;
  }

  public InputTopic<T> input() {
    return input;
  }

  public Ingested ingest(String topic, int partition, long offset, byte[] key, byte[] value, Format format) {
    int size = value == null ? 0 : value.length;
    if (size > maxValueBytes) {
      return failed(topic, partition, offset, key, value, DeadLetterReason.OVERSIZED,
          "value of " + size + " bytes exceeds input.max-value-bytes = " + maxValueBytes);
    }
    try {
      T record = format == Format.AVRO ? wire().decode(value)
          : JsonFormat.read(new String(value, StandardCharsets.UTF_8), input.type());
      byte[] encoded = format == Format.AVRO ? value : wire().encode(record);
      return new Ingested(topic, partition, offset, key, encoded, size, input.eventTimeMillis(record),
          input.isHeartbeat(record), null, null);
    } catch (UndecodableValueException e) {
      DeadLetterReason reason = e.kind() == UndecodableValueException.Kind.UNKNOWN_SCHEMA
          ? DeadLetterReason.UNKNOWN_SCHEMA
          : e.getMessage().contains("price") ? DeadLetterReason.INVALID_PRICE : DeadLetterReason.UNDECODABLE;
      return failed(topic, partition, offset, key, value, reason, e.getMessage());
    } catch (RuntimeException e) {
      return failed(topic, partition, offset, key, value, DeadLetterReason.UNDECODABLE,
          "value on " + topic + " cannot be decoded: " + e);
    }
  }

  /** The validated record inside an ingested one (re-decodes the bytes, which always decode here). */
  public T decode(Ingested ingested) {
    try {
      return wire().decode(ingested.value());
    } catch (UndecodableValueException e) {
      throw new IllegalStateException("ingested record no longer decodes: " + e.getMessage(), e);
    }
  }

  private Ingested failed(String topic, int partition, long offset, byte[] key, byte[] value, DeadLetterReason reason,
      String detail) {
    byte[] kept = value == null ? new byte[0] : Arrays.copyOf(value, Math.min(value.length, maxValueBytes));
    return new Ingested(topic, partition, offset, key, kept, value == null ? 0 : value.length, Long.MIN_VALUE, false,
        reason.name(), detail);
  }

  private WireFormat<T> wire() {
    if (wire == null) {
      wire = WireFormat.of(input.topic());
    }
    return wire;
  }
}
