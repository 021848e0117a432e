package dev.solvent.risk.instrument;

/** Argument checks shared by the value records: NaN never passes. */
public final class Checks {

  private Checks() {}

  public static double positive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a positive finite number: " + value);
    }
    return value;
  }

  public static double nonNegative(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number >= 0: " + value);
    }
    return value;
  }

  public static double fraction(String name, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1): " + value);
    }
    return value;
  }

  public static double finite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite: " + value);
    }
    return value;
  }

  /** What every perpetual or future, linear or inverse, must have. */
  static void futureTerms(String id, String underlying, long expiryMillis, double contractSize, double lotSize,
      Object schedule, double penaltyRate, String fundId, Object maintenanceBasis) {
    java.util.Objects.requireNonNull(id, "id");
    java.util.Objects.requireNonNull(underlying, "underlying");
    java.util.Objects.requireNonNull(schedule, "schedule");
    java.util.Objects.requireNonNull(fundId, "fundId");
    java.util.Objects.requireNonNull(maintenanceBasis, "maintenanceBasis");
    positive("contractSize", contractSize);
    positive("lotSize", lotSize);
    fraction("penaltyRate", penaltyRate);
    if (expiryMillis < 0) {
      throw new IllegalArgumentException("expiryMillis must be 0 (perpetual) or a time: " + expiryMillis);
    }
  }
}
