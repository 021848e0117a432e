package dev.solvent.harness.live;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * When each input record reached the broker (its producer's acknowledgement, on the wall clock), kept per partition
 * in append order: from it, when every input partition had moved past an event time (so the job's watermark could),
 * and when an underlying's quotes of an instant were appended.
 */
public final class AppendLog {

  /** One partition's appends: event times (non-decreasing, one writer) and acknowledgement times. */
  private static final class Partition {
    long[] eventTimes = new long[1024];
    long[] ackedAt = new long[1024];
    int size;

    void add(long eventTime, long acked) {
      if (size == eventTimes.length) {
        eventTimes = Arrays.copyOf(eventTimes, size * 2);
        ackedAt = Arrays.copyOf(ackedAt, size * 2);
      }
      eventTimes[size] = eventTime;
      ackedAt[size++] = acked;
    }

    /** The first acknowledgement of a record at {@code eventTime} or later; -1 if none yet. */
    long firstAckAtOrAfter(long eventTime) {
      int i = Arrays.binarySearch(eventTimes, 0, size, eventTime);
      if (i < 0) {
        i = -i - 1;
      } else {
        while (i > 0 && eventTimes[i - 1] == eventTime) {
          i--;
        }
      }
      return i < size ? ackedAt[i] : -1; // a producer acknowledges one partition's records in append order
    }
  }

  private final Map<String, Partition> partitions = new HashMap<>();
  private final Map<String, Long> quotes = new HashMap<>();

  /** Called from the producer's callback, in each partition's append order. */
  synchronized void appended(String topic, int partition, long eventTime, long ackedAt) {
    partitions.computeIfAbsent(topic + "-" + partition, k -> new Partition()).add(eventTime, ackedAt);
  }

  synchronized void quoteAppended(String underlying, long eventTime, long ackedAt) {
    quotes.merge(underlying + "@" + eventTime, ackedAt, Math::max);
  }

  /**
   * When every input partition had a record at {@code eventTime + maxOutOfOrderness + 1} or later, i.e. the earliest
   * the job's watermark could pass {@code eventTime}; -1 if some partition never got there.
   */
  public synchronized long watermarkReady(long eventTime, long maxOutOfOrderness) {
    long ready = -1;
    for (Partition p : partitions.values()) {
      long acked = p.firstAckAtOrAfter(eventTime + maxOutOfOrderness + 1);
      if (acked < 0) {
        return -1;
      }
      ready = Math.max(ready, acked);
    }
    return ready;
  }

  /** When the last of an underlying's quotes at {@code eventTime} was appended; -1 if none was. */
  public synchronized long quoteAppended(String underlying, long eventTime) {
    return quotes.getOrDefault(underlying + "@" + eventTime, -1L);
  }
}
