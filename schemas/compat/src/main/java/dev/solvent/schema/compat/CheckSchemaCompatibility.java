package dev.solvent.schema.compat;

import java.nio.file.Path;
import java.util.List;

/**
 * Build step (run by the schemas module before code generation): fails the build, naming the schema, direction and
 * field, when a current schema is not FULL-compatible with every released version.
 */
public final class CheckSchemaCompatibility {

  private CheckSchemaCompatibility() {}

  /** Arguments: the current-schema folder and the history folder. */
  public static void main(String[] args) {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: CheckSchemaCompatibility AVRO_DIR HISTORY_DIR");
    }
    SchemaHistory history = SchemaHistory.fromDirectories(Path.of(args[0]), Path.of(args[1]));
    List<String> violations = history.fullCompatibilityViolations();
    if (!violations.isEmpty()) {
      throw new IncompatibleSchemaException(violations);
    }
    System.out.println("Schema compatibility: " + history.topics().size()
        + " topics are FULL-compatible with every released version");
  }

  /** The build failure, listing every violation. */
  public static final class IncompatibleSchemaException extends RuntimeException {
    IncompatibleSchemaException(List<String> violations) {
      super(violations.size() + " schema compatibility violation(s):\n  " + String.join("\n  ", violations));
    }
  }
}
