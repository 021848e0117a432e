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
}
