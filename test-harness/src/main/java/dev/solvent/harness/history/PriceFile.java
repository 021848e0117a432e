package dev.solvent.harness.history;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A price history file to replay as {@code market.ticks}: which underlying it prices, the source (venue) name its
 * quotes carry, and its layout.
 *
 * @param path the CSV file
 * @param underlying the underlying symbol of the quotes, e.g. {@code BTC}
 * @param source the quotes' source name, e.g. {@code gemini}
 * @param format the file's layout
 */
public record PriceFile(Path path, String underlying, String source, PriceFileFormat format) {

  public PriceFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(format, "format");
    if (underlying == null || underlying.isBlank()) {
      throw new IllegalArgumentException("price file " + path + ": underlying must not be blank");
    }
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("price file " + path + ": source must not be blank");
    }
  }

  /** A file whose format is detected from its first line (see {@link PriceFileFormat#detect}). */
  public static PriceFile of(Path path, String underlying, String source) {
    return new PriceFile(path, underlying, source, PriceFileFormat.detect(path));
  }

  /**
   * Parses a command-line spec {@code UNDERLYING:SOURCE:PATH}, e.g. {@code BTC:gemini:data/gemini_BTCUSD.csv}; the
   * path is everything after the second colon. The file must exist: its format is detected from its first line.
   */
  public static PriceFile parse(String spec) {
    if (spec == null) {
      throw new IllegalArgumentException("price file spec is missing; expected UNDERLYING:SOURCE:PATH");
    }
    String[] parts = spec.split(":", 3);
    if (parts.length < 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
      throw new IllegalArgumentException("price file spec '" + spec
          + "' is not UNDERLYING:SOURCE:PATH (e.g. BTC:gemini:data/gemini_BTCUSD_trades.csv)");
    }
    try {
      return of(Path.of(parts[2].trim()), parts[0].trim(), parts[1].trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("price file spec '" + spec + "': " + e.getMessage(), e);
    }
  }
}
