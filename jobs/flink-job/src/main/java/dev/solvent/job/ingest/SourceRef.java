package dev.solvent.job.ingest;

/** Where a record came from: topic (or file), partition (−1 for files) and offset (line for files). */
public record SourceRef(String topic, int partition, long offset) {

  public static final SourceRef NONE = new SourceRef("", -1, -1);
}
