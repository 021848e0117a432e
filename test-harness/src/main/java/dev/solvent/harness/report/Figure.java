package dev.solvent.harness.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One figure of the summary: its label, its value as a number (for the difference column of a comparison) and as
 * text. Money is rounded to cents for display only; the value keeps the exact decimal.
 */
public record Figure(String label, BigDecimal value, String text) {

  public static Figure count(String label, long n) {
    return new Figure(label, BigDecimal.valueOf(n), String.format("%,d", n));
  }

  public static Figure money(String label, BigDecimal amount) {
    return new Figure(label, amount, format(amount));
  }

  /** An amount of a coin, to the satoshi. */
  public static Figure coin(String label, BigDecimal amount) {
    BigDecimal satoshis = amount.setScale(8, RoundingMode.HALF_EVEN);
    return new Figure(label, satoshis, String.format("%,.8f", satoshis));
  }

  public static Figure millis(String label, long millis) {
    return new Figure(label, BigDecimal.valueOf(millis), String.format("%,d", millis));
  }

  /** A share, shown in percent to one decimal. */
  public static Figure percent(String label, double fraction) {
    BigDecimal percent = BigDecimal.valueOf(100 * fraction).setScale(1, RoundingMode.HALF_EVEN);
    return new Figure(label, percent, percent.toPlainString() + " %");
  }

  /** The difference {@code other − this} as text with a sign, in this figure's style. */
  public String differenceTo(Figure other) {
    BigDecimal d = other.value.subtract(value);
    String body = text.matches(".*\\.\\d{8}") ? String.format("%,.8f", d.abs()) // a coin amount, to the satoshi
        : value.scale() > 0 || other.value.scale() > 0 ? format(d.abs()) : String.format("%,d", d.abs()
        .longValueExact());
    return d.signum() == 0 ? "0" : (d.signum() > 0 ? "+" : "-") + body;
  }

  private static String format(BigDecimal amount) {
    return String.format("%,.2f", amount.setScale(2, RoundingMode.HALF_EVEN));
  }
}
