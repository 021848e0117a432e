package dev.solvent.schema.compat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Every released version of every topic's schema, as kept under {@code schemas/history/TOPIC/vN.avsc}, with the
 * current schema of {@code schemas/avro/TOPIC.avsc}. The rule: the current schema is FULL-compatible (it reads every
 * released version, and every released version reads it), so producers and consumers can upgrade in any order.
 */
public final class SchemaHistory {

  /** Where the schemas module puts the current schemas and the history in its jar. */
  public static final String CLASSPATH_CURRENT = "solvent/schemas/current/";
  public static final String CLASSPATH_HISTORY = "solvent/schemas/history/";

  private final Map<String, Schema> current;
  private final Map<String, List<Schema>> released;

  public SchemaHistory(Map<String, Schema> current, Map<String, List<Schema>> released) {
    this.current = new LinkedHashMap<>(current);
    this.released = new LinkedHashMap<>(released);
  }

  /** Reads {@code avroDir/TOPIC.avsc} for every file there and {@code historyDir/TOPIC/v1.avsc, v2.avsc, ...}. */
  public static SchemaHistory fromDirectories(Path avroDir, Path historyDir) {
    Map<String, Schema> current = new LinkedHashMap<>();
    Map<String, List<Schema>> released = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(avroDir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
        String topic = file.getFileName().toString().replaceFirst("\\.avsc$", "");
        current.put(topic, parse(file.toString(), Files.newInputStream(file)));
        List<Schema> versions = new ArrayList<>();
        for (int v = 1; Files.exists(historyDir.resolve(topic).resolve("v" + v + ".avsc")); v++) {
          Path version = historyDir.resolve(topic).resolve("v" + v + ".avsc");
          versions.add(parse(version.toString(), Files.newInputStream(version)));
        }
        released.put(topic, versions);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schemas under " + avroDir, e);
    }
    return new SchemaHistory(current, released);
  }

  /** Reads the given topics' schemas from the classpath, where the schemas jar ships them. */
  public static SchemaHistory fromClasspath(List<String> topics) {
    Map<String, Schema> current = new LinkedHashMap<>();
    Map<String, List<Schema>> released = new LinkedHashMap<>();
    ClassLoader loader = SchemaHistory.class.getClassLoader();
    for (String topic : topics) {
      current.put(topic, parseResource(loader, CLASSPATH_CURRENT + topic + ".avsc"));
      List<Schema> versions = new ArrayList<>();
      for (int v = 1; loader.getResource(CLASSPATH_HISTORY + topic + "/v" + v + ".avsc") != null; v++) {
        versions.add(parseResource(loader, CLASSPATH_HISTORY + topic + "/v" + v + ".avsc"));
      }
      released.put(topic, versions);
    }
    return new SchemaHistory(current, released);
  }

  public List<String> topics() {
    return List.copyOf(current.keySet());
  }

  public Schema current(String topic) {
    return current.get(topic);
  }

  /** Released versions, oldest first (v1 first). */
  public List<Schema> released(String topic) {
    return released.getOrDefault(topic, List.of());
  }

  /** Every schema a writer of this topic may have used: the released versions and the current one. */
  public List<Schema> versions(String topic) {
    List<Schema> all = new ArrayList<>(released(topic));
    all.add(current(topic));
    return all;
  }

  /** Problems that break the FULL-compatibility rule, one line each; empty when the rule holds. */
  public List<String> fullCompatibilityViolations() {
    List<String> problems = new ArrayList<>();
    for (var entry : current.entrySet()) {
      String topic = entry.getKey();
      List<Schema> versions = released(topic);
      if (versions.isEmpty()) {
        problems.add("schema " + topic + ": no released version under schemas/history/" + topic + "/v1.avsc");
      }
      for (int i = 0; i < versions.size(); i++) {
        problems.addAll(fullCompatibilityViolations(topic, "v" + (i + 1), versions.get(i), entry.getValue()));
      }
    }
    return problems;
  }

  /**
   * Violations between one released version and a candidate current schema: BACKWARD (the candidate reads data the
   * released version wrote) and FORWARD (the released version reads data the candidate writes).
   */
  public static List<String> fullCompatibilityViolations(String topic, String version, Schema released,
      Schema candidate) {
    List<String> problems = new ArrayList<>();
    describe(problems, topic, version, "BACKWARD (current reads " + version + ")", candidate,
        SchemaCompatibility.checkReaderWriterCompatibility(candidate, released));
    describe(problems, topic, version, "FORWARD (" + version + " reads current)", released,
        SchemaCompatibility.checkReaderWriterCompatibility(released, candidate));
    return problems;
  }

  private static void describe(List<String> problems, String topic, String version, String direction, Schema reader,
      SchemaCompatibility.SchemaPairCompatibility result) {
    if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
      return;
    }
    for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
      problems.add("schema " + topic + " (schemas/avro/" + topic + ".avsc) is not FULL-compatible with schemas/history/"
          + topic + "/" + version + ".avsc: " + direction + ": " + incompatibility.getType() + " at "
          + fieldPath(reader, incompatibility.getLocation()) + ": " + incompatibility.getMessage());
    }
  }

  /** Turns Avro's JSON-pointer location (/fields/3/type) into a field path (MarginUpdate.equity). */
  static String fieldPath(Schema reader, String location) {
    StringBuilder path = new StringBuilder(reader.getName());
    Schema at = reader;
    String[] tokens = location.split("/");
    for (int i = 1; i < tokens.length; i++) {
      String token = tokens[i];
      if (token.equals("fields") && i + 1 < tokens.length && at.getType() == Schema.Type.RECORD) {
        int index = Integer.parseInt(tokens[++i]);
        if (index >= at.getFields().size()) {
          break;
        }
        Schema.Field field = at.getFields().get(index);
        path.append('.').append(field.name());
        at = field.schema();
      } else if (token.equals("items") && at.getType() == Schema.Type.ARRAY) {
        path.append("[]");
        at = at.getElementType();
      } else if (token.matches("\\d+") && at.getType() == Schema.Type.UNION) {
        int branch = Integer.parseInt(token);
        if (branch >= at.getTypes().size()) {
          break;
        }
        at = at.getTypes().get(branch);
        path.append('<').append(at.getName()).append('>');
      }
    }
    return path + " (" + location + ")";
  }

  private static Schema parseResource(ClassLoader loader, String path) {
    InputStream in = loader.getResourceAsStream(path);
    if (in == null) {
      throw new IllegalStateException("schema resource missing from the classpath: " + path);
    }
    return parse(path, in);
  }

  private static Schema parse(String name, InputStream in) {
    try (in) {
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema " + name, e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("schema " + name + " is not valid Avro: " + e.getMessage(), e);
    }
  }
}
