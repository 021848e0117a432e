package dev.solvent.job.config;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/** One configuration key: name, default, parser, the rule its value must satisfy, and what it means. */
public record ConfigKey<T>(String name, String defaultValue, Function<String, T> parser, Predicate<T> valid,
    String rule, String doc) {

  public ConfigKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(doc, "doc");
  }

  T parse(String raw) {
    T value;
    try {
      value = parser.apply(raw.trim());
    } catch (RuntimeException e) {
      throw new InvalidConfigException(name, "'" + raw + "' is not valid: " + rule);
    }
    if (!valid.test(value)) {
      throw new InvalidConfigException(name, "'" + raw + "' is not valid: " + rule);
    }
    return value;
  }

  static ConfigKey<Long> millis(String name, long defaultValue, long min, String doc) {
    return new ConfigKey<>(name, Long.toString(defaultValue), Long::parseLong, v -> v >= min,
        "a whole number of milliseconds >= " + min, doc);
  }

  static ConfigKey<Double> number(String name, double defaultValue, double min, double max, String doc) {
    return new ConfigKey<>(name, Double.toString(defaultValue), Double::parseDouble,
        v -> Double.isFinite(v) && v >= min && v <= max, "a number in [" + min + ", " + max + "]", doc);
  }

  /** An amount of money, exact (a decimal, never a double): the ledger books it as written. */
  static ConfigKey<BigDecimal> amount(String name, String defaultValue, String doc) {
    return new ConfigKey<>(name, defaultValue, BigDecimal::new, v -> v.signum() >= 0 && v.scale() <= 8,
        "a decimal amount >= 0 with at most 8 decimals", doc);
  }

  static ConfigKey<Integer> integer(String name, int defaultValue, int min, String doc) {
    return new ConfigKey<>(name, Integer.toString(defaultValue), Integer::parseInt, v -> v >= min,
        "an integer >= " + min, doc);
  }

  static ConfigKey<Boolean> flag(String name, boolean defaultValue, String doc) {
    return new ConfigKey<>(name, Boolean.toString(defaultValue), raw -> {
      if (!raw.equals("true") && !raw.equals("false")) {
        throw new IllegalArgumentException(raw);
      }
      return Boolean.parseBoolean(raw);
    }, v -> true, "true or false", doc);
  }

  /** A switch written {@code on} or {@code off}. */
  static ConfigKey<Boolean> onOff(String name, boolean defaultValue, String doc) {
    return new ConfigKey<>(name, defaultValue ? "on" : "off", raw -> {
      if (!raw.equals("on") && !raw.equals("off")) {
        throw new IllegalArgumentException(raw);
      }
      return raw.equals("on");
    }, v -> true, "on or off", doc);
  }

  static ConfigKey<String> text(String name, String defaultValue, String doc) {
    return new ConfigKey<>(name, defaultValue, raw -> raw, v -> !v.isBlank(), "a non-empty string", doc);
  }

  /** One of an enum's constants, in lower case with dashes ({@code FULL} is {@code full}, {@code AT_LEAST_ONCE} is
   * {@code at-least-once}). */
  static <E extends Enum<E>> ConfigKey<E> choice(String name, E defaultValue, String doc) {
    Class<E> type = defaultValue.getDeclaringClass();
    java.util.List<String> choices = java.util.Arrays.stream(type.getEnumConstants()).map(ConfigKey::spelled).toList();
    return new ConfigKey<>(name, spelled(defaultValue), raw -> {
      if (!choices.contains(raw)) {
        throw new IllegalArgumentException(raw);
      }
      return Enum.valueOf(type, raw.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }, v -> true, "one of " + choices, doc);
  }

  private static String spelled(Enum<?> constant) {
    return constant.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
