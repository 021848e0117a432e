package dev.solvent.cli.explain;

/** Malformed input: the message names the field, in one line. */
public final class InputError extends RuntimeException {

  public InputError(String field, String problem) {
    super(field + ": " + problem);
  }
}
