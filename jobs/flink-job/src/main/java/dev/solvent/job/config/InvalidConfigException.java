package dev.solvent.job.config;

/** A configuration value that cannot be used; the message names the key. */
public final class InvalidConfigException extends IllegalArgumentException {

  public InvalidConfigException(String key, String problem) {
    super("configuration key " + key + ": " + problem);
  }
}
