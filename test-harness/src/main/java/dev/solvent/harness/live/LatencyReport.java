package dev.solvent.harness.live;

import dev.solvent.avro.liquidation.LiquidationOrder;
import dev.solvent.avro.calls.MarginCall;
import dev.solvent.avro.oracle.OraclePrice;
import dev.solvent.harness.live.OutputWatch.Seen;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Tick-to-visibility latency of liquidation orders and margin calls. A decision at event time T that a tick caused
 * was triggered by the oracle publication at T (of the order's underlying; for a margin call, of any underlying) that
 * brought a newer source tick than the one before it; that publication names the tick, whose append the
 * {@link AppendLog} timed. The time from that append to
 * the record's visibility to a {@code read_committed} consumer splits into: the oracle window (the tick waits for its
 * window to close at T), the watermark (until every input partition has moved past T), processing (until the job's
 * producer has appended the record, seen by a {@code read_uncommitted} consumer) and the commit (until its
 * transaction commits; nothing under at-least-once).
 */
public final class LatencyReport {

  /** One decision's path, wall-clock milliseconds. */
  public record Sample(String topic, long tickAppended, long eventTime, long watermarkReady, long appended,
      long visible) {
    long total() {
      return visible - tickAppended;
    }

    long window() {
      return Math.max(0, eventTime - tickAppended);
    }

    long watermark() {
      return Math.max(0, watermarkReady - Math.max(tickAppended, eventTime));
    }

    long processing() {
      return appended - watermarkReady;
    }

    long commit() {
      return visible - appended;
    }
  }

  /** What a run measured, per topic. */
  public record Result(Map<String, List<Sample>> samples, Map<String, Long> notFromAPrice) {}

  private LatencyReport() {}

  /**
   * @param committed what a {@code read_committed} consumer saw (oracle prices, orders and calls)
   * @param uncommitted what a {@code read_uncommitted} consumer saw of the same topics
   * @param underlyings each instrument's underlying
   * @param from decisions before this event time are left out (the warm-up)
   */
  public static Result measure(List<Seen> committed, List<Seen> uncommitted, AppendLog log,
      Map<String, String> underlyings, long maxOutOfOrderness, long from) {
    Map<String, Long> appended = appendTimes(uncommitted);
    // Publications that bring a new tick; a heartbeat's republication of the last one causes nothing a tick did.
    Map<Long, List<OraclePrice>> publications = new HashMap<>();
    Map<String, Long> newestSource = new HashMap<>();
    for (Seen s : committed) {
      if (s.value() instanceof OraclePrice p) {
        long source = p.getSourceTime().toEpochMilli();
        if (source > newestSource.getOrDefault(p.getUnderlying(), Long.MIN_VALUE)) {
          newestSource.put(p.getUnderlying(), source);
          publications.computeIfAbsent(p.getPublishTime().toEpochMilli(), t -> new ArrayList<>()).add(p);
        }
      }
    }
    Map<String, List<Sample>> samples = new HashMap<>();
    Map<String, Long> other = new HashMap<>();
    for (Seen s : committed) {
      long time;
      String underlying;
      if (s.value() instanceof LiquidationOrder o) {
        time = o.getEventTime().toEpochMilli();
        underlying = underlyings.get(o.getInstrumentId());
      } else if (s.value() instanceof MarginCall c) {
        time = c.getEventTime().toEpochMilli();
        underlying = null;
      } else {
        continue;
      }
      if (time < from) {
        continue;
      }
      long tick = -1;
      for (OraclePrice p : publications.getOrDefault(time, List.of())) {
        if (underlying == null || p.getUnderlying().equals(underlying)) {
          tick = Math.max(tick, log.quoteAppended(p.getUnderlying(), p.getSourceTime().toEpochMilli()));
        }
      }
      long ready = log.watermarkReady(time, maxOutOfOrderness);
      if (tick < 0 || ready < 0) {
        other.merge(s.topic(), 1L, Long::sum);
        continue;
      }
      long inLog = appended.getOrDefault(id(s), s.receivedAt());
      samples.computeIfAbsent(s.topic(), t -> new ArrayList<>())
          .add(new Sample(s.topic(), tick, time, ready, Math.min(inLog, s.receivedAt()), s.receivedAt()));
    }
    return new Result(samples, other);
  }

  /**
   * Every output record the venue's consumer saw, one CSV line each: topic, partition, offset, event time, when the
   * job's producer had appended it (seen uncommitted) and when it became visible (committed), wall-clock ms.
   */
  public static void writeVisibility(Path file, List<Seen> committed, List<Seen> uncommitted) throws IOException {
    Map<String, Long> appended = appendTimes(uncommitted);
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
      w.println("topic,partition,offset,event_time,appended_at,visible_at");
      for (Seen s : committed) {
        w.printf("%s,%d,%d,%d,%d,%d%n", s.topic(), s.partition(), s.offset(), s.eventTime(),
            Math.min(s.receivedAt(), appended.getOrDefault(id(s), s.receivedAt())), s.receivedAt());
      }
    }
  }

  /** The timed decisions, one CSV line each, with their parts. */
  public static void writeSamples(Path file, Result result) throws IOException {
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
      w.println("topic,event_time,tick_appended_at,watermark_ready_at,appended_at,visible_at,total_ms,window_ms,"
          + "watermark_ms,processing_ms,commit_ms");
      result.samples().forEach((topic, list) -> list.forEach(x -> w.printf("%s,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d%n",
          topic, x.eventTime(), x.tickAppended(), x.watermarkReady(), x.appended(), x.visible(), x.total(),
          x.window(), x.watermark(), x.processing(), x.commit())));
    }
  }

  private static Map<String, Long> appendTimes(List<Seen> uncommitted) {
    Map<String, Long> appended = new HashMap<>();
    for (Seen s : uncommitted) {
      appended.putIfAbsent(id(s), s.receivedAt());
    }
    return appended;
  }

  private static String id(Seen s) {
    return s.topic() + "/" + s.partition() + "/" + s.offset();
  }

  /** The table: per topic, the latency's p50, p99 and max, and each part's p50 and p99. */
  public static void print(PrintStream out, String title, Result result) {
    out.println(title);
    out.printf("  %-19s %8s  %22s   %s%n", "", "", "tick -> visible, ms", "its parts, ms: p50 / p99");
    out.printf("  %-19s %8s  %6s %7s %7s   %-13s %-13s %-13s %-13s%n", "decisions", "records", "p50", "p99", "max",
        "oracle window", "watermark", "processing", "commit");
    for (String topic : List.of("liquidation.orders", "margin.calls")) {
      List<Sample> list = result.samples().getOrDefault(topic, List.of());
      long[] total = values(list, Sample::total);
      out.printf("  %-19s %,8d  %6s %7s %7s   %-13s %-13s %-13s %-13s%n", topic, list.size(),
          percentile(total, 50), percentile(total, 99), percentile(total, 100), parts(list, Sample::window),
          parts(list, Sample::watermark), parts(list, Sample::processing), parts(list, Sample::commit));
      long other = result.notFromAPrice().getOrDefault(topic, 0L);
      if (other > 0) {
        out.printf("  %-19s %,8d  not caused by a new tick (escalations, account events, heartbeats): not timed%n",
            "", other);
      }
    }
  }

  private static String parts(List<Sample> list, ToLongFunction<Sample> part) {
    long[] values = values(list, part);
    return percentile(values, 50) + " / " + percentile(values, 99);
  }

  private static long[] values(List<Sample> list, ToLongFunction<Sample> f) {
    long[] values = list.stream().mapToLong(f).toArray();
    Arrays.sort(values);
    return values;
  }

  /** Nearest-rank percentile; "-" without samples. */
  static String percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return "-";
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return Long.toString(sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))]);
  }
}
