package dev.solvent.schema;

/** A Kafka value that cannot be turned into its topic's record; it goes to dead.letters with this reason. */
public final class UndecodableValueException extends Exception {

  /** Why decoding failed. */
  public enum Kind { NOT_AVRO, UNKNOWN_SCHEMA, MALFORMED }

  private final Kind kind;

  public UndecodableValueException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
