package dev.solvent.schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * Builds fully populated specific records from a schema, so round-trip tests cover every field of every topic
 * without hand-written fixtures going stale. {@code branch} selects which branch of each union is filled, so a test
 * that runs branch = 0..n covers every union branch (heartbeats included).
 */
public final class SampleRecords {

  private final Random random;
  private final int branch;

  private SampleRecords(long seed, int branch) {
    this.random = new Random(seed);
    this.branch = branch;
  }

  public static Object sample(Schema schema, long seed, int branch) {
    return new SampleRecords(seed, branch).value(schema);
  }

  /** Number of branches of the widest union in the schema: how many variants cover every branch. */
  public static int widestUnion(Schema schema) {
    return switch (schema.getType()) {
      case RECORD -> schema.getFields().stream().mapToInt(f -> widestUnion(f.schema())).max().orElse(1);
      case UNION -> Math.max(schema.getTypes().size(),
          schema.getTypes().stream().mapToInt(SampleRecords::widestUnion).max().orElse(1));
      case ARRAY -> widestUnion(schema.getElementType());
      default -> 1;
    };
  }

  private Object value(Schema schema) {
    if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
      return BigDecimal.valueOf(random.nextLong() % 10_000_000_000_000L, decimal.getScale())
          .setScale(decimal.getScale(), RoundingMode.UNNECESSARY);
    }
    if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
      return Instant.ofEpochMilli(1_760_000_000_000L + random.nextInt(1_000_000_000));
    }
    return switch (schema.getType()) {
      case RECORD -> {
        IndexedRecord record = (IndexedRecord) SpecificData.get().newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
          record.put(field.pos(), value(field.schema()));
        }
        yield record;
      }
      case UNION -> value(schema.getTypes().get(branch % schema.getTypes().size()));
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
          items.add(value(schema.getElementType()));
        }
        yield items;
      }
      case ENUM -> SpecificData.get().createEnum(
          schema.getEnumSymbols().get(random.nextInt(schema.getEnumSymbols().size())), schema);
      case STRING -> "s" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
      case BYTES -> {
        byte[] bytes = new byte[random.nextInt(40)];
        random.nextBytes(bytes);
        yield ByteBuffer.wrap(bytes);
      }
      case INT -> random.nextInt();
      case LONG -> random.nextLong();
      case DOUBLE -> random.nextDouble() * 100;
      case FLOAT -> random.nextFloat();
      case BOOLEAN -> random.nextBoolean();
      case NULL -> null;
      default -> throw new IllegalArgumentException("no sample for " + schema);
    };
  }
}
