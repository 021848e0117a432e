package dev.solvent.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.schema.compat.SchemaHistory;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaCompatibilityTest {

  private final SchemaHistory history = ShippedSchemas.history();

  @Test
  void everyCurrentSchemaIsFullCompatibleWithEveryReleasedVersion() {
    List<String> violations = history.fullCompatibilityViolations();
    assertThat(violations).as(String.join("\n", violations)).isEmpty();
  }

  @Test
  void marginUpdatesHasARealEvolutionThatPasses() {
    List<Schema> released = history.released("margin.updates");
    assertThat(released).hasSizeGreaterThanOrEqualTo(2);
    assertThat(released.get(0).getField("probabilityOfDefault")).isNull();
    assertThat(history.current("margin.updates").getField("probabilityOfDefault")).isNotNull();
    assertThat(SchemaHistory.fullCompatibilityViolations("margin.updates", "v1", released.get(0),
        history.current("margin.updates"))).isEmpty();
  }

  @Test
  void rejectsRemovingAFieldWithoutDefault() {
    Schema current = history.current("margin.updates");
    Schema withoutEquity = withFields(current, current.getFields().stream()
        .filter(f -> !f.name().equals("equity")).toList());

    List<String> violations = SchemaHistory.fullCompatibilityViolations("margin.updates", "v2", current, withoutEquity);

    assertThat(violations).singleElement().asString()
        .contains("schema margin.updates", "FORWARD", "READER_FIELD_MISSING_DEFAULT_VALUE", "equity");
  }

  @Test
  void rejectsChangingAFieldType() {
    Schema current = history.current("insurance.ledger");
    Schema sequenceAsString = withFields(current, current.getFields().stream()
        .map(f -> f.name().equals("sequence") ? new Schema.Field(f.name(), Schema.create(Schema.Type.STRING), f.doc())
            : copy(f))
        .toList());

    List<String> violations =
        SchemaHistory.fullCompatibilityViolations("insurance.ledger", "v1", current, sequenceAsString);

    assertThat(violations).anySatisfy(v -> assertThat(v).contains("BACKWARD", "TYPE_MISMATCH", "sequence"));
    assertThat(violations).anySatisfy(v -> assertThat(v).contains("FORWARD", "TYPE_MISMATCH"));
  }

  @Test
  void rejectsAddingAFieldWithoutDefault() {
    Schema current = history.current("oracle.prices");
    List<Schema.Field> fields = new java.util.ArrayList<>(current.getFields().stream().map(SchemaCompatibilityTest::copy).toList());
    fields.add(new Schema.Field("confidence", Schema.create(Schema.Type.DOUBLE), "no default"));

    List<String> violations =
        SchemaHistory.fullCompatibilityViolations("oracle.prices", "v1", current, withFields(current, fields));

    assertThat(violations).anySatisfy(v -> assertThat(v).contains("BACKWARD", "READER_FIELD_MISSING_DEFAULT_VALUE", "confidence"));
  }

  @Test
  void everyTopicHasASchemaWhoseFieldsAreAllDocumented() {
    for (String topic : Topics.names()) {
      assertThat(history.current(topic)).as(topic).isNotNull();
      assertDocumented(topic, history.current(topic));
    }
  }

  /** Money is never a binary floating-point number on the wire. */
  @Test
  void moneyFieldsAreDecimalsWithADeclaredScale() {
    List<String> moneyWords = List.of("price", "amount", "balance", "equity", "margin", "penalty", "fee",
        "quantity", "notional", "depth", "repaid", "seized", "cover", "shortfall", "strike");
    for (String topic : Topics.names()) {
      forEachField(history.current(topic), (path, field) -> {
        String name = field.name().toLowerCase();
        boolean isMoney = moneyWords.stream().anyMatch(name::contains) && !name.contains("ratio")
            && !name.endsWith("rate") && !name.contains("mode");
        Schema type = nonNull(field.schema());
        if (isMoney && type.getType() != Schema.Type.RECORD && type.getType() != Schema.Type.ARRAY
            && type.getType() != Schema.Type.ENUM && type.getType() != Schema.Type.STRING) {
          assertThat(type.getLogicalType()).as(topic + " " + path + " is money").isInstanceOf(LogicalTypes.Decimal.class);
          assertThat(((LogicalTypes.Decimal) type.getLogicalType()).getScale()).as(path).isEqualTo(8);
        }
        if (name.endsWith("time") || name.equals("expiry") || name.equals("observedat")) {
          assertThat(type.getLogicalType()).as(topic + " " + path).isInstanceOf(LogicalTypes.TimestampMillis.class);
        }
      });
    }
  }

  private static void assertDocumented(String topic, Schema schema) {
    assertThat(schema.getDoc()).as(topic + " " + schema.getFullName() + " doc").isNotBlank();
    forEachField(schema, (path, field) -> assertThat(field.doc()).as(topic + " " + path + " doc").isNotBlank());
  }

  private static void forEachField(Schema schema, java.util.function.BiConsumer<String, Schema.Field> action) {
    walk(schema, schema.getName(), action, new java.util.HashSet<>());
  }

  private static void walk(Schema schema, String path, java.util.function.BiConsumer<String, Schema.Field> action,
      java.util.Set<String> seen) {
    switch (schema.getType()) {
      case RECORD -> {
        if (!seen.add(schema.getFullName())) {
          return;
        }
        for (Schema.Field field : schema.getFields()) {
          action.accept(path + "." + field.name(), field);
          walk(field.schema(), path + "." + field.name(), action, seen);
        }
      }
      case UNION -> schema.getTypes().forEach(t -> walk(t, path, action, seen));
      case ARRAY -> walk(schema.getElementType(), path + "[]", action, seen);
      default -> { }
    }
  }

  private static Schema nonNull(Schema schema) {
    if (schema.getType() == Schema.Type.UNION) {
      return schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
    }
    return schema;
  }

  private static Schema withFields(Schema template, List<Schema.Field> fields) {
    return Schema.createRecord(template.getName(), template.getDoc(), template.getNamespace(), false,
        fields.stream().map(SchemaCompatibilityTest::copy).toList());
  }

  private static Schema.Field copy(Schema.Field f) {
    return new Schema.Field(f, f.schema());
  }
}
