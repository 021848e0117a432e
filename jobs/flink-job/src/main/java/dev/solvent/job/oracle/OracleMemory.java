package dev.solvent.job.oracle;

/** What the oracle remembers of its last publication of an underlying. */
public record OracleMemory(boolean published, double lastIndex, double lastMark, long lastPublish, boolean lastStale) {

  public static final OracleMemory NONE = new OracleMemory(false, Double.NaN, Double.NaN, Long.MIN_VALUE, true);
}
