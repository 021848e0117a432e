package dev.solvent.job.metrics;

/**
 * The margin-ratio bands (equity / maintenance margin) a risk desk counts accounts in; below 1 is liquidatable. The
 * labels use only letters, digits and underscores: Flink's Prometheus reporter turns any other character of a label
 * value into "_" ("<1" would become "_1").
 */
public enum MarginBand {
  BELOW_1("lt_1_00", 1.0),
  FROM_1_TO_1_25("1_00_to_1_25", 1.25),
  FROM_1_25_TO_1_5("1_25_to_1_50", 1.5),
  FROM_1_5_TO_2("1_50_to_2_00", 2.0),
  FROM_2("ge_2_00", Double.POSITIVE_INFINITY);

  private final String label;
  private final double upper;

  MarginBand(String label, double upper) {
    this.label = label;
    this.upper = upper;
  }

  public String label() {
    return label;
  }

  /** The band of a ratio; {@code null} (no maintenance margin: nothing at risk) has none. */
  public static MarginBand of(Double ratio) {
    if (ratio == null || ratio.isNaN()) {
      return null;
    }
    for (MarginBand band : values()) {
      if (ratio < band.upper) {
        return band;
      }
    }
    return FROM_2;
  }
}
