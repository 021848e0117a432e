package dev.solvent.risk.pricing;

/** Call or put; {@link #sign()} is +1 for calls and -1 for puts, as in the unified Black formula. */
public enum OptionType {
  CALL(1),
  PUT(-1);

  private final int sign;

  OptionType(int sign) {
    this.sign = sign;
  }

  public int sign() {
    return sign;
  }
}
