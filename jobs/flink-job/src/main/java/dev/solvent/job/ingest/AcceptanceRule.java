package dev.solvent.job.ingest;

import java.io.Serializable;

/**
 * Which records of a partition advance time, decided from that partition's own order alone so every run decides the
 * same way: a record is LATE when its event time is more than {@code maxOutOfOrderness} behind the partition's
 * latest accepted time, or more than {@code maxFuture} ahead of it. The source's watermark generator and the
 * validation stage apply the same rule to the same sequence, so a rejected record never moves a watermark.
 */
public record AcceptanceRule(long maxOutOfOrderness, long maxFuture) implements Serializable {

  /** No record accepted yet. */
  public static final long NONE = Long.MIN_VALUE;

  /** Null when accepted, else why not. */
  public String reject(long latestAccepted, long eventTime) {
    if (latestAccepted == NONE) {
      return null;
    }
    if (eventTime < latestAccepted - maxOutOfOrderness) {
      return "event time " + eventTime + " is " + (latestAccepted - eventTime) + " ms behind its partition's latest ("
          + latestAccepted + "), beyond input.max-out-of-orderness-ms = " + maxOutOfOrderness;
    }
    if (eventTime > latestAccepted + maxFuture) {
      return "event time " + eventTime + " is " + (eventTime - latestAccepted) + " ms ahead of its partition's latest ("
          + latestAccepted + "), beyond input.max-future-ms = " + maxFuture;
    }
    return null;
  }

  public long advance(long latestAccepted, long eventTime) {
    return latestAccepted == NONE ? eventTime : Math.max(latestAccepted, eventTime);
  }
}
