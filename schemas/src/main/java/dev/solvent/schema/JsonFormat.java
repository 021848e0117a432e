package dev.solvent.schema;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The JSON Lines form of every topic's records, for files in and out (README "JSON Lines format"): one object per
 * line, fields in schema order; decimals as plain strings at their scale ("42000.00000000"); timestamps as ISO-8601
 * UTC instants; a union of records as the chosen record's fields plus {@code "type": "<record name>"}; nullable
 * fields as value or null; enums as their symbol; bytes as base64. Output is canonical: the same record always
 * gives the same bytes. Input also accepts numbers for decimals and epoch milliseconds for timestamps, and may omit
 * fields that have a default.
 */
public final class JsonFormat {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  /** Resolves unions of logical types (BigDecimal, Instant) as the generated classes hold them. */
  private static final SpecificData MODEL = new SpecificData();

  static {
    MODEL.addLogicalTypeConversion(new Conversions.DecimalConversion());
    MODEL.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
  }

  private JsonFormat() {}

  public static String write(IndexedRecord record) {
    try (java.io.StringWriter text = new java.io.StringWriter(256);
        JsonGenerator out = MAPPER.getFactory().createGenerator(text)) {
      write(out, record.getSchema(), record);
      out.flush();
      return text.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Streams the record as JSON (the output side is on every record's path, so no intermediate tree). */
  private static void write(JsonGenerator out, Schema schema, Object value) throws java.io.IOException {
    if (value == null) {
      out.writeNull();
      return;
    }
    if (schema.getLogicalType() instanceof LogicalTypes.Decimal) {
      out.writeString(((BigDecimal) value).toPlainString());
      return;
    }
    if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
      out.writeString(((Instant) value).toString());
      return;
    }
    switch (schema.getType()) {
      case RECORD -> {
        out.writeStartObject();
        writeFields(out, schema, (IndexedRecord) value);
        out.writeEndObject();
      }
      case UNION -> {
        Schema branch = schema.getTypes().get(MODEL.resolveUnion(schema, value));
        if (branch.getType() == Schema.Type.RECORD && recordBranches(schema) > 1) {
          out.writeStartObject();
          out.writeStringField("type", branch.getName());
          writeFields(out, branch, (IndexedRecord) value);
          out.writeEndObject();
        } else {
          write(out, branch, value);
        }
      }
      case ARRAY -> {
        out.writeStartArray();
        for (Object item : (List<?>) value) {
          write(out, schema.getElementType(), item);
        }
        out.writeEndArray();
      }
      case STRING, ENUM -> out.writeString(value.toString());
      case BYTES -> {
        ByteBuffer buffer = ((ByteBuffer) value).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        out.writeString(Base64.getEncoder().encodeToString(bytes));
      }
      case INT -> out.writeNumber((Integer) value);
      case LONG -> out.writeNumber((Long) value);
      case DOUBLE -> {
        double d = (Double) value;
        if (Double.isFinite(d)) {
          out.writeNumber(d);
        } else {
          out.writeString(Double.toString(d));
        }
      }
      case FLOAT -> out.writeNumber((Float) value);
      case BOOLEAN -> out.writeBoolean((Boolean) value);
      case NULL -> out.writeNull();
      default -> throw new IllegalArgumentException("no JSON form for " + schema);
    }
  }

  private static void writeFields(JsonGenerator out, Schema schema, IndexedRecord record) throws java.io.IOException {
    for (Schema.Field field : schema.getFields()) {
      out.writeFieldName(field.name());
      write(out, field.schema(), record.get(field.pos()));
    }
  }

  /** Parses one line into the topic's record, or throws {@link UndecodableValueException} naming the field. */
  public static <T extends SpecificRecord> T read(String line, Class<T> type) throws UndecodableValueException {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new UndecodableValueException(UndecodableValueException.Kind.MALFORMED,
          "not valid JSON: " + e.getOriginalMessage());
    }
    Schema schema = SpecificData.get().getSchema(type);
    try {
      return type.cast(fromNode(schema, node, ""));
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new UndecodableValueException(UndecodableValueException.Kind.MALFORMED, e.getMessage());
    }
  }

  private static Object fromNode(Schema schema, JsonNode node, String path) {
    if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
      BigDecimal value = decimal(node, path);
      // Checked before any rescaling: "1e999999999" or "1e-999999999" would otherwise allocate a billion digits.
      BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
      if (stripped.scale() > decimal.getScale()) {
        throw new IllegalArgumentException(path + ": " + abbreviated(value) + " has more than " + decimal.getScale()
            + " decimal places");
      }
      if (stripped.precision() - stripped.scale() > decimal.getPrecision() - decimal.getScale()) {
        throw new IllegalArgumentException(path + ": " + abbreviated(value) + " has more than "
            + (decimal.getPrecision() - decimal.getScale()) + " digits before the point");
      }
      return value.setScale(decimal.getScale(), RoundingMode.UNNECESSARY);
    }
    if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
      if (node.isIntegralNumber()) {
        return Instant.ofEpochMilli(node.asLong());
      }
      try {
        return Instant.parse(text(node, path));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(path + ": '" + node.asText() + "' is not an ISO-8601 instant");
      }
    }
    return switch (schema.getType()) {
      case RECORD -> {
        if (!node.isObject()) {
          throw new IllegalArgumentException(at(path) + "must be an object");
        }
        IndexedRecord record = (IndexedRecord) SpecificData.get().newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
          String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
          JsonNode value = node.get(field.name());
          if (value == null || value.isMissingNode()) {
            if (!field.hasDefaultValue()) {
              throw new IllegalArgumentException(fieldPath + ": is required");
            }
            record.put(field.pos(), SpecificData.get().deepCopy(field.schema(),
                SpecificData.get().getDefaultValue(field)));
          } else {
            record.put(field.pos(), fromNode(field.schema(), value, fieldPath));
          }
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
          String name = names.next();
          if (schema.getField(name) == null && !name.equals("type")) {
            throw new IllegalArgumentException((path.isEmpty() ? "" : path + ".") + name + ": unknown field");
          }
        }
        yield record;
      }
      case UNION -> fromUnion(schema, node, path);
      case ARRAY -> {
        if (!node.isArray()) {
          throw new IllegalArgumentException(at(path) + "must be an array");
        }
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
          items.add(fromNode(schema.getElementType(), node.get(i), path + "[" + i + "]"));
        }
        yield items;
      }
      case STRING -> text(node, path);
      case ENUM -> {
        String symbol = text(node, path);
        if (!schema.hasEnumSymbol(symbol)) {
          throw new IllegalArgumentException(at(path) + "'" + symbol + "' is not one of " + schema.getEnumSymbols());
        }
        yield SpecificData.get().createEnum(symbol, schema);
      }
      case BYTES -> ByteBuffer.wrap(Base64.getDecoder().decode(text(node, path)));
      case INT -> {
        if (!node.canConvertToInt()) {
          throw new IllegalArgumentException(at(path) + "must be an integer");
        }
        yield node.asInt();
      }
      case LONG -> {
        if (!node.isIntegralNumber()) {
          throw new IllegalArgumentException(at(path) + "must be an integer");
        }
        yield node.asLong();
      }
      case DOUBLE -> node.isNumber() ? node.asDouble() : Double.valueOf(text(node, path));
      case FLOAT -> (float) node.asDouble();
      case BOOLEAN -> {
        if (!node.isBoolean()) {
          throw new IllegalArgumentException(at(path) + "must be true or false");
        }
        yield node.asBoolean();
      }
      case NULL -> null;
      default -> throw new IllegalArgumentException(at(path) + "unsupported type " + schema.getType());
    };
  }

  private static Object fromUnion(Schema union, JsonNode node, String path) {
    if (node.isNull()) {
      if (union.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL)) {
        return null;
      }
      throw new IllegalArgumentException(at(path) + "must not be null");
    }
    List<Schema> candidates = union.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
    if (candidates.size() == 1) {
      return fromNode(candidates.get(0), node, path);
    }
    String type = node.path("type").asText("");
    for (Schema candidate : candidates) {
      if (candidate.getType() == Schema.Type.RECORD && candidate.getName().equals(type)) {
        return fromNode(candidate, node, path);
      }
    }
    throw new IllegalArgumentException(at(path) + "\"type\" must be one of "
        + candidates.stream().map(Schema::getName).toList() + ", got '" + type + "'");
  }

  /** A decimal as a short text (scientific, so a huge exponent costs nothing), cut at 40 characters. */
  private static String abbreviated(BigDecimal value) {
    String text = value.toString();
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  private static BigDecimal decimal(JsonNode node, String path) {
    if (node.isNumber()) {
      return node.decimalValue();
    }
    try {
      return new BigDecimal(text(node, path).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(path + ": '" + node.asText() + "' is not a decimal number");
    }
  }

  private static String text(JsonNode node, String path) {
    if (!node.isTextual()) {
      throw new IllegalArgumentException(at(path) + "must be a string");
    }
    return node.asText();
  }

  private static String at(String path) {
    return path.isEmpty() ? "" : path + ": ";
  }

  private static long recordBranches(Schema union) {
    return union.getTypes().stream().filter(t -> t.getType() == Schema.Type.RECORD).count();
  }
}
