package dev.solvent.schema;

import java.io.Serializable;
import java.util.Objects;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * One Kafka topic of the architecture: its name, the generated Avro class of its values and how a value's key is
 * derived. The key rule is part of the topic's contract, so producers and tests cannot disagree on partitioning.
 */
public record Topic<T extends SpecificRecord>(String name, Class<T> valueType, KeyRule<T> keyOf)
    implements Serializable {

  /** How a value's key is derived; serializable so jobs can ship it. */
  @FunctionalInterface
  public interface KeyRule<T> extends Function<T, String>, Serializable {}

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(keyOf, "keyOf");
  }

  /** The schema the generated class was compiled from (the current one). */
  public Schema schema() {
    return org.apache.avro.specific.SpecificData.get().getSchema(valueType);
  }

  public String key(T value) {
    return keyOf.apply(value);
  }

  @Override
  public String toString() {
    return name;
  }
}
