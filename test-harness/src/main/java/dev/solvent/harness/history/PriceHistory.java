package dev.solvent.harness.history;

import dev.solvent.avro.ticks.MarketTick;
import dev.solvent.avro.ticks.Quote;
import dev.solvent.harness.loop.LoopRecord;
import dev.solvent.schema.Topics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Real price history replayed as {@code market.ticks}: reads a {@link PriceFile} as it is and turns it into quotes of
 * its underlying from its source, in time order.
 *
 * <p><b>Klines</b> ({@link PriceFileFormat#KLINE}, e.g. {@code 1760054400000,121662,121737.53,121662,121689.01,...}):
 * a bar is walked the way price most plausibly moved inside it, four quotes per bar: the open at the bar's open time,
 * then both extremes, then the close, at open time + 0, +¼, +½ and +¾ of the bar interval. An up bar (close ≥ open)
 * goes open, low, high, close; a down bar open, high, low, close. The oracle thus sees the bar's whole range,
 * including the low, which is what liquidations react to. The bar interval is the median gap between consecutive open
 * times (the lower middle for an even count), so a sparse file that omits minutes without trades (Kraken) still gets
 * 60 s; a bar followed sooner than that by the next bar is walked within that shorter gap; a one-bar file is taken as
 * {@value #SINGLE_BAR_MILLIS} ms. Every quote of a bar carries the bar's data row number as its sequence.
 *
 * <p><b>Trades</b> ({@link PriceFileFormat#TRADES}, e.g. {@code gemini,BTCUSD,1760054406843000,...,buy,121758.75,...}):
 * one quote per kept trade at its exchange time (floored to milliseconds), sequence the trade's data row number.
 * Bursts are thinned: of the trades in one window of event time ({@link #DEFAULT_TRADE_WINDOW} unless given) the last
 * one is kept, at its own time; and a trade that moves more than {@link #KEPT_MOVE} (0.5 %) from the previous kept
 * price (before any is kept: the file's first trade price) is always kept, so the extremes of a crash survive.
 *
 * <p>Times: a number greater than 10¹⁴ is epoch microseconds, greater than 10¹¹ epoch milliseconds, otherwise epoch
 * seconds; text is an ISO offset date-time, with a space allowed for the {@code T} ({@code 2023-03-10 00:00:00+00:00}).
 * Prices are kept at scale 8 (half-even). Blank lines are skipped; a row that does not parse, or that is earlier than
 * the row before it (for klines: not later), fails with an {@link IllegalArgumentException} naming file and line.
 */
public final class PriceHistory {

  /** The default thinning window for trade files. */
  public static final Duration DEFAULT_TRADE_WINDOW = Duration.ofMillis(250);
  /** A trade that moves more than this fraction from the previous kept price is always kept. */
  public static final BigDecimal KEPT_MOVE = new BigDecimal("0.005");
  /** The bar interval assumed for a kline file of a single bar. */
  public static final long SINGLE_BAR_MILLIS = 60_000;

  private static final int SCALE = 8;
  private static final BigDecimal MICROS_ABOVE = new BigDecimal("1e14");
  private static final BigDecimal MILLIS_ABOVE = new BigDecimal("1e11");
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
  private static final List<String> KLINE_COLUMNS = List.of("open", "high", "low", "close");

  private PriceHistory() {}

  /** A price at a time, from data row {@code row} (1-based, header not counted) of the file. */
  private record Point(long time, BigDecimal price, long row) {}

  /** One OHLC bar, from data row {@code row} of the file. */
  private record Bar(long row, long openTime, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close) {

    /** The bar's prices in the order they are replayed: open, the two extremes, close. */
    List<BigDecimal> walk() {
      return close.compareTo(open) >= 0 ? List.of(open, low, high, close) : List.of(open, high, low, close);
    }
  }

  /** The file's quotes with the default trade thinning window. */
  public static List<LoopRecord> read(PriceFile file) {
    return read(file, DEFAULT_TRADE_WINDOW);
  }

  /**
   * The file's quotes as {@code market.ticks} records, sorted by time.
   *
   * @param tradeWindow the thinning window of trade files; zero keeps every trade; ignored for klines
   */
  public static List<LoopRecord> read(PriceFile file, Duration tradeWindow) {
    if (tradeWindow.isNegative()) {
      throw new IllegalArgumentException("trade window must not be negative: " + tradeWindow);
    }
    List<Point> points = switch (file.format()) {
      case KLINE -> walk(bars(file.path()));
      case TRADES -> thin(trades(file.path()), tradeWindow.toMillis());
    };
    List<LoopRecord> records = new ArrayList<>(points.size());
    for (Point point : points) {
      records.add(quote(file, point));
    }
    records.sort(Comparator.comparingLong(LoopRecord::time)); // stable: equal times keep row order
    return records;
  }

  private static LoopRecord quote(PriceFile file, Point point) {
    Quote quote = new Quote(file.underlying(), file.source(), point.price(), point.row(), null, null, null, null);
    return new LoopRecord(Topics.MARKET_TICKS.name(), point.time(),
        new MarketTick(Instant.ofEpochMilli(point.time()), quote));
  }

  // ---- klines

  private static List<Bar> bars(Path file) {
    List<CsvRow> rows = CsvRow.readAll(file);
    int first = 0;
    if (!rows.isEmpty() && rows.get(0).isHeader()) {
      checkKlineHeader(rows.get(0));
      first = 1;
    }
    List<Bar> bars = new ArrayList<>(rows.size());
    for (int i = first; i < rows.size(); i++) {
      CsvRow row = rows.get(i);
      Bar bar = bar(row, i - first + 1);
      if (!bars.isEmpty() && bar.openTime() <= bars.get(bars.size() - 1).openTime()) {
        throw row.problem("open time " + Instant.ofEpochMilli(bar.openTime()) + " is not after the previous row's "
            + Instant.ofEpochMilli(bars.get(bars.size() - 1).openTime()) + "; rows must be in time order");
      }
      bars.add(bar);
    }
    return bars;
  }

  private static void checkKlineHeader(CsvRow header) {
    for (int i = 0; i < KLINE_COLUMNS.size(); i++) {
      if (header.fields().size() <= i + 1 || !header.fields().get(i + 1).equalsIgnoreCase(KLINE_COLUMNS.get(i))) {
        throw header.problem("a kline header must have open, high, low, close as columns 2 to 5");
      }
    }
  }

  private static Bar bar(CsvRow row, long index) {
    long openTime = epochMillis(row, 0);
    BigDecimal open = price(row, 1);
    BigDecimal high = price(row, 2);
    BigDecimal low = price(row, 3);
    BigDecimal close = price(row, 4);
    if (low.compareTo(open.min(close)) > 0 || high.compareTo(open.max(close)) < 0) {
      throw row.problem("low " + low.toPlainString() + " and high " + high.toPlainString()
          + " do not bound open and close");
    }
    return new Bar(index, openTime, open, high, low, close);
  }

  private static List<Point> walk(List<Bar> bars) {
    long interval = barInterval(bars);
    List<Point> points = new ArrayList<>(bars.size() * 4);
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      long span = i + 1 < bars.size() ? Math.min(interval, bars.get(i + 1).openTime() - bar.openTime()) : interval;
      List<BigDecimal> prices = bar.walk();
      for (int k = 0; k < prices.size(); k++) {
        points.add(new Point(bar.openTime() + span * k / prices.size(), prices.get(k), bar.row()));
      }
    }
    return points;
  }

  /** The median gap between consecutive open times (the lower middle for an even count). */
  private static long barInterval(List<Bar> bars) {
    if (bars.size() < 2) {
      return SINGLE_BAR_MILLIS;
    }
    List<Long> gaps = new ArrayList<>(bars.size() - 1);
    for (int i = 1; i < bars.size(); i++) {
      gaps.add(bars.get(i).openTime() - bars.get(i - 1).openTime());
    }
    gaps.sort(null);
    return gaps.get((gaps.size() - 1) / 2);
  }

  // ---- trades

  private static List<Point> trades(Path file) {
    List<CsvRow> rows = CsvRow.readAll(file);
    if (rows.isEmpty() || !rows.get(0).isHeader()) {
      throw new IllegalArgumentException(file + ": a trades file needs a header row naming timestamp and price");
    }
    CsvRow header = rows.get(0);
    int timeColumn = header.column("timestamp");
    int priceColumn = header.column("price");
    if (timeColumn < 0 || priceColumn < 0) {
      throw header.problem("a trades header must name a timestamp and a price column");
    }
    List<Point> trades = new ArrayList<>(rows.size());
    for (int i = 1; i < rows.size(); i++) {
      CsvRow row = rows.get(i);
      Point trade = new Point(epochMillis(row, timeColumn), price(row, priceColumn), i);
      if (!trades.isEmpty() && trade.time() < trades.get(trades.size() - 1).time()) {
        throw row.problem("timestamp " + Instant.ofEpochMilli(trade.time()) + " is before the previous row's "
            + Instant.ofEpochMilli(trades.get(trades.size() - 1).time()) + "; rows must be in time order");
      }
      trades.add(trade);
    }
    return trades;
  }

  /**
   * Keeps the last trade of each window of {@code windowMillis} event time, and every trade that moves more than
   * {@link #KEPT_MOVE} from the previous kept price (until one is kept: from the first trade's price); a window of 0
   * keeps every trade.
   */
  private static List<Point> thin(List<Point> trades, long windowMillis) {
    if (windowMillis == 0) {
      return trades;
    }
    List<Point> kept = new ArrayList<>();
    Point pending = null; // the last trade so far of the current window, not kept yet
    BigDecimal lastKept = trades.isEmpty() ? null : trades.get(0).price(); // before any is kept: the first trade's
    for (Point trade : trades) {
      if (pending != null && window(trade, windowMillis) != window(pending, windowMillis)) {
        kept.add(pending);
        lastKept = pending.price();
        pending = null;
      }
      if (moves(lastKept, trade.price())) {
        kept.add(trade);
        lastKept = trade.price();
        pending = null;
      } else {
        pending = trade;
      }
    }
    if (pending != null) {
      kept.add(pending);
    }
    return kept;
  }

  private static long window(Point trade, long windowMillis) {
    return Math.floorDiv(trade.time(), windowMillis);
  }

  private static boolean moves(BigDecimal from, BigDecimal to) {
    return to.subtract(from).abs().compareTo(from.multiply(KEPT_MOVE)) > 0;
  }

  // ---- fields

  private static BigDecimal price(CsvRow row, int column) {
    String text = row.field(column);
    BigDecimal price;
    try {
      price = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw row.problem("column " + (column + 1) + " '" + text + "' is not a price", e);
    }
    if (price.signum() <= 0) {
      throw row.problem("column " + (column + 1) + " price " + text + " is not positive");
    }
    return price.setScale(SCALE, RoundingMode.HALF_EVEN);
  }

  /** Epoch milliseconds (floored) of a time column: epoch seconds, milliseconds or microseconds, or ISO text. */
  private static long epochMillis(CsvRow row, int column) {
    String text = row.field(column);
    try {
      if (!text.isEmpty() && Character.isDigit(text.charAt(0)) && text.chars().allMatch(c -> c == '.'
          || Character.isDigit(c))) {
        return epochMillis(new BigDecimal(text));
      }
      return OffsetDateTime.parse(text.replace(' ', 'T'), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant()
          .toEpochMilli();
    } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
      throw row.problem("column " + (column + 1) + " '" + text
          + "' is not a time (epoch s, ms or µs, or 'YYYY-MM-DD HH:MM:SS+00:00')", e);
    }
  }

  private static long epochMillis(BigDecimal epoch) {
    BigDecimal millis;
    if (epoch.compareTo(MICROS_ABOVE) > 0) {
      millis = epoch.divide(THOUSAND);
    } else if (epoch.compareTo(MILLIS_ABOVE) > 0) {
      millis = epoch;
    } else {
      millis = epoch.multiply(THOUSAND);
    }
    return millis.setScale(0, RoundingMode.FLOOR).longValueExact();
  }
}
