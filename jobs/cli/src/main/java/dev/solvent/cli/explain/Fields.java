package dev.solvent.cli.explain;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A JSON object read field by field, each error naming the field's full path (account.positions[2].quantity). */
final class Fields {

  private final JsonNode node;
  private final String path;

  Fields(JsonNode node, String path) {
    this.node = node;
    this.path = path;
    if (node == null || !node.isObject()) {
      throw new InputError(path.isEmpty() ? "(top level)" : path, "must be a JSON object");
    }
  }

  String path(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  boolean has(String field) {
    return node.hasNonNull(field);
  }

  Fields object(String field) {
    return new Fields(required(field), path(field));
  }

  Fields objectOrEmpty(String field) {
    return has(field) ? object(field) : new Fields(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
        .objectNode(), path(field));
  }

  String text(String field) {
    JsonNode value = required(field);
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new InputError(path(field), "must be a non-empty string");
    }
    return value.asText();
  }

  String text(String field, String fallback) {
    return has(field) ? text(field) : fallback;
  }

  /** A number, given as a JSON number or a decimal string; finite. */
  double number(String field) {
    JsonNode value = required(field);
    double number;
    if (value.isNumber()) {
      number = value.asDouble();
    } else if (value.isTextual()) {
      try {
        number = new BigDecimal(value.asText().trim()).doubleValue();
      } catch (NumberFormatException e) {
        throw new InputError(path(field), "'" + value.asText() + "' is not a number");
      }
    } else {
      throw new InputError(path(field), "must be a number");
    }
    if (!Double.isFinite(number)) {
      throw new InputError(path(field), "must be finite");
    }
    return number;
  }

  double number(String field, double fallback) {
    return has(field) ? number(field) : fallback;
  }

  boolean bool(String field, boolean fallback) {
    if (!has(field)) {
      return fallback;
    }
    if (!node.get(field).isBoolean()) {
      throw new InputError(path(field), "must be true or false");
    }
    return node.get(field).asBoolean();
  }

  long epochMillis(String field) {
    JsonNode value = required(field);
    if (value.isIntegralNumber()) {
      return value.asLong();
    }
    try {
      return Instant.parse(value.asText()).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new InputError(path(field), "'" + value.asText() + "' is not an ISO-8601 instant (2025-10-10T21:00:00Z)");
    }
  }

  <T extends Enum<T>> T enumValue(String field, Class<T> type) {
    String value = text(field);
    try {
      return Enum.valueOf(type, value.toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new InputError(path(field), "'" + value + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }
  }

  List<Fields> objects(String field) {
    List<Fields> list = new ArrayList<>();
    JsonNode array = node.get(field);
    if (array == null || array.isNull()) {
      return list;
    }
    if (!array.isArray()) {
      throw new InputError(path(field), "must be an array");
    }
    for (int i = 0; i < array.size(); i++) {
      list.add(new Fields(array.get(i), path(field) + "[" + i + "]"));
    }
    return list;
  }

  /** An array of numeric arrays, e.g. margin brackets [[floor, maxLeverage, rate], ...]. */
  double[][] rows(String field, int width) {
    JsonNode array = required(field);
    if (!array.isArray() || array.isEmpty()) {
      throw new InputError(path(field), "must be a non-empty array of [" + width + " numbers]");
    }
    double[][] rows = new double[array.size()][];
    for (int i = 0; i < array.size(); i++) {
      JsonNode row = array.get(i);
      if (!row.isArray() || row.size() != width) {
        throw new InputError(path(field) + "[" + i + "]", "must be an array of " + width + " numbers");
      }
      rows[i] = new double[width];
      for (int j = 0; j < width; j++) {
        if (!row.get(j).isNumber()) {
          throw new InputError(path(field) + "[" + i + "][" + j + "]", "must be a number");
        }
        rows[i][j] = row.get(j).asDouble();
      }
    }
    return rows;
  }

  /** An object of name → number, e.g. {"BTC": 104000}. */
  Map<String, Double> numbers(String field) {
    Map<String, Double> map = new LinkedHashMap<>();
    if (!has(field)) {
      return map;
    }
    Fields object = object(field);
    for (Iterator<String> names = object.node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      map.put(name, object.number(name));
    }
    return map;
  }

  /** An object of name → object. */
  <T> Map<String, T> objectsByName(String field, Function<Fields, T> read) {
    Map<String, T> map = new LinkedHashMap<>();
    if (!has(field)) {
      return map;
    }
    Fields object = object(field);
    for (Iterator<String> names = object.node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      map.put(name, read.apply(object.object(name)));
    }
    return map;
  }

  /** Wraps a value record's own validation error so it names this object. */
  <T> T build(java.util.function.Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException e) {
      throw new InputError(path.isEmpty() ? "(top level)" : path, e.getMessage());
    }
  }

  private JsonNode required(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new InputError(path(field), "is required");
    }
    return value;
  }
}
