package dev.solvent.harness.history;

import java.nio.file.Files;
import java.nio.file.Path;

/** The layout of a price history CSV file, told apart by its first line. */
public enum PriceFileFormat {

  /**
   * One OHLC bar per row, columns {@code open_time, open, high, low, close, ...} by position, with or without a header
   * row. Open time as epoch seconds, milliseconds or microseconds, or as text {@code 2023-03-10 00:00:00+00:00}.
   * Examples: Binance {@code 1760054400000,121662,121737.5373641,121662,121689.00965205,0,...}, Kraken (no header)
   * {@code 1678406400,20365.99,20368.46,20363.23,20368.46,1.50562238,6}.
   */
  KLINE,

  /**
   * One trade per row, with a header naming at least {@code timestamp} and {@code price} (tardis.dev layout
   * {@code exchange,symbol,timestamp,local_timestamp,id,side,price,amount}). Example:
   * {@code gemini,BTCUSD,1760054406843000,1760054406899497,1713679388902077,buy,121758.75,0.01428928}.
   */
  TRADES;

  /** TRADES when the first non-blank line is a header with both a "timestamp" and a "price" column, otherwise KLINE. */
  public static PriceFileFormat detect(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("price file " + file + " does not exist or is not a file");
    }
    CsvRow first = CsvRow.first(file)
        .orElseThrow(() -> new IllegalArgumentException("price file " + file + " is empty"));
    return first.isHeader() && first.column("timestamp") >= 0 && first.column("price") >= 0 ? TRADES : KLINE;
  }
}
