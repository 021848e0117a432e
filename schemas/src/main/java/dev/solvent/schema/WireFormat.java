package dev.solvent.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The one wire format of Kafka values: Avro single-object encoding (2-byte marker C3 01, the writer schema's 8-byte
 * CRC-64-AVRO fingerprint, then the binary body). Self-describing without a schema registry: the decoder knows every
 * released version of the topic's schema ({@link ShippedSchemas}) and resolves an old writer into the current reader.
 * Thread-safe: Avro's encoder and decoder keep per-thread buffers.
 */
public final class WireFormat<T extends SpecificRecord> {

  private final Topic<T> topic;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  private WireFormat(Topic<T> topic, Iterable<Schema> releasedVersions) {
    this.topic = topic;
    SpecificData model = SpecificData.getForClass(topic.valueType());
    Schema current = topic.schema();
    SchemaStore.Cache writers = new SchemaStore.Cache();
    releasedVersions.forEach(writers::addSchema);
    this.encoder = new BinaryMessageEncoder<>(model, current);
    this.decoder = new BinaryMessageDecoder<>(model, current, writers);
  }

  /** A codec that reads every released version of the topic's schema and writes the current one. */
  public static <T extends SpecificRecord> WireFormat<T> of(Topic<T> topic) {
    return new WireFormat<>(topic, ShippedSchemas.history().versions(topic.name()));
  }

  public Topic<T> topic() {
    return topic;
  }

  public byte[] encode(T value) {
    try {
      ByteBuffer buffer = encoder.encode(value);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Decodes a value, or throws {@link UndecodableValueException} saying why: not single-object encoded, written with
   * a schema this topic never released, or a body that does not match its schema.
   */
  public T decode(byte[] bytes) throws UndecodableValueException {
    if (bytes == null || bytes.length == 0) {
      throw new UndecodableValueException(UndecodableValueException.Kind.NOT_AVRO, "empty value on " + topic.name());
    }
    try {
      return decoder.decode(bytes);
    } catch (MissingSchemaException e) {
      throw new UndecodableValueException(UndecodableValueException.Kind.UNKNOWN_SCHEMA,
          "value on " + topic.name() + " written with a schema that is not a released version: " + e.getMessage());
    } catch (BadHeaderException e) {
      throw new UndecodableValueException(UndecodableValueException.Kind.NOT_AVRO,
          "value on " + topic.name() + " is not Avro single-object encoded: " + e.getMessage());
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException
        | ClassCastException | ArithmeticException e) {
      throw new UndecodableValueException(UndecodableValueException.Kind.MALFORMED,
          "value on " + topic.name() + " does not match its schema: " + e);
    }
  }
}
