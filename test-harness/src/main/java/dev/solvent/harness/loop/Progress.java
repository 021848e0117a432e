package dev.solvent.harness.loop;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** A one-line progress bar: event time reached, share of the run, and records per second in and out. */
public class Progress {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
      .withZone(ZoneOffset.UTC);
  private static final int WIDTH = 30;
  private static final long REDRAW_MILLIS = 500;

  private final PrintStream out;
  private long start;
  private long end;
  private long began;
  private long lastDraw;
  private long inputs;
  private long outputs;
  private long steps;
  private long jobNanos;

  public Progress(PrintStream out) {
    this.out = out;
  }

  /** Draws nothing: for tests and nested runs. */
  public static Progress silent() {
    return new Progress(null);
  }

  void start(long startTime, long endTime) {
    this.start = startTime;
    this.end = endTime;
    this.began = System.nanoTime();
  }

  void step(long until, int in, int out, long waitedNanos) {
    steps++;
    jobNanos += waitedNanos;
    inputs += in;
    outputs += out;
    long now = System.nanoTime();
    if (this.out != null && (now - lastDraw) / 1_000_000 >= REDRAW_MILLIS) {
      lastDraw = now;
      draw(until, false);
    }
  }

  void done(int lastOutputs) {
    outputs += lastOutputs;
    if (out != null) {
      draw(end, true);
      out.println(timing());
    }
  }

  private void draw(long until, boolean last) {
    double share = end <= start ? 1 : Math.min(1, Math.max(0, (double) (until - start) / (end - start)));
    int filled = (int) Math.round(share * WIDTH);
    double seconds = Math.max(1e-3, (System.nanoTime() - began) / 1e9);
    out.printf("\r[%s%s] %3.0f%%  %s  in %,.0f/s  out %,.0f/s  %,.0f s%s", "#".repeat(filled),
        ".".repeat(WIDTH - filled), share * 100, TIME.format(Instant.ofEpochMilli(until)), inputs / seconds,
        outputs / seconds, seconds, last ? "\n" : "");
    out.flush();
  }

  public long inputs() {
    return inputs;
  }

  /** Steps run, and the wall time spent waiting for the job's outputs (the rest is the loop and participants). */
  public String timing() {
    double total = (System.nanoTime() - began) / 1e9;
    return String.format("%,d steps in %.0f s: %.0f s waiting for the job, %.0f s in the loop and participants", steps,
        total, jobNanos / 1e9, total - jobNanos / 1e9);
  }

  public long outputs() {
    return outputs;
  }
}
