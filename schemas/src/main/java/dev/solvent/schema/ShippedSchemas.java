package dev.solvent.schema;

import dev.solvent.schema.compat.SchemaHistory;

/** The current and released schemas of every topic, as shipped in this jar; loaded once. */
public final class ShippedSchemas {

  private static final class Holder {
    static final SchemaHistory HISTORY = SchemaHistory.fromClasspath(Topics.names());
  }

  private ShippedSchemas() {}

  public static SchemaHistory history() {
    return Holder.HISTORY;
  }
}
