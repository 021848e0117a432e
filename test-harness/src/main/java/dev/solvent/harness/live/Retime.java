package dev.solvent.harness.live;

import java.time.Instant;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Moves a record in time: a copy with every {@code timestamp-millis} field (event times, and an option's expiry with
 * them) shifted by the same amount, so that a generated scenario can be replayed on the wall clock.
 */
public final class Retime {

  private Retime() {}

  public static <T extends SpecificRecord> T shift(T record, long millis) {
    T copy = SpecificData.getForSchema(record.getSchema()).deepCopy(record.getSchema(), record);
    shiftFields(copy, millis);
    return copy;
  }

  private static void shiftFields(SpecificRecord record, long millis) {
    for (Schema.Field field : record.getSchema().getFields()) {
      Object value = record.get(field.pos());
      Object shifted = shiftValue(field.schema(), value, millis);
      if (shifted != value) {
        record.put(field.pos(), shifted);
      }
    }
  }

  private static Object shiftValue(Schema schema, Object value, long millis) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant instant && isTimestamp(schema)) {
      return instant.plusMillis(millis);
    }
    if (value instanceof SpecificRecord nested) {
      shiftFields(nested, millis);
    } else if (value instanceof List<?> list) {
      Schema items = (schema.getType() == Schema.Type.UNION ? schema.getTypes().stream()
          .filter(s -> s.getType() == Schema.Type.ARRAY).findFirst().orElseThrow() : schema).getElementType();
      @SuppressWarnings("unchecked")
      List<Object> elements = (List<Object>) list;
      for (int i = 0; i < elements.size(); i++) {
        elements.set(i, shiftValue(items, elements.get(i), millis));
      }
    }
    return value;
  }

  private static boolean isTimestamp(Schema schema) {
    if (schema.getType() == Schema.Type.UNION) {
      return schema.getTypes().stream().anyMatch(Retime::isTimestamp);
    }
    LogicalType type = schema.getLogicalType();
    return type instanceof LogicalTypes.TimestampMillis;
  }
}
