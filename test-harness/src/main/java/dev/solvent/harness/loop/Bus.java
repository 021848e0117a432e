package dev.solvent.harness.loop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * An in-JVM topic log between a driver and one embedded job: the driver appends encoded input records and reads the
 * job's output records and output watermarks. The job's sources and sinks find their bus by id (they are serialized
 * into the job graph; the bus is not), so the graph itself is the production graph with other connectors.
 */
public final class Bus {

  private static final Map<String, Bus> BUSES = new ConcurrentHashMap<>();

  private final String id;
  private final int expectedWriters;
  private final Map<String, List<byte[]>> inputs = new HashMap<>();
  private final Map<String, CompletableFuture<Void>> waiting = new HashMap<>();
  private final Map<String, List<SpecificRecord>> outputs = new HashMap<>();
  private final Map<String, Long> watermarks = new HashMap<>();
  private boolean closed;

  private Bus(String id, int expectedWriters) {
    this.id = id;
    this.expectedWriters = expectedWriters;
  }

  /** A new bus whose outputs are complete up to a time once {@code expectedWriters} sink writers passed it. */
  public static Bus open(String id, int expectedWriters) {
    Bus bus = new Bus(id, expectedWriters);
    if (BUSES.putIfAbsent(id, bus) != null) {
      throw new IllegalStateException("bus " + id + " is already open");
    }
    return bus;
  }

  static Bus get(String id) {
    Bus bus = BUSES.get(id);
    if (bus == null) {
      throw new IllegalStateException("no bus " + id + " in this JVM: the loop runs on an embedded cluster only");
    }
    return bus;
  }

  public String id() {
    return id;
  }

  /** Appends encoded values to an input topic and wakes its reader. */
  public void append(String topic, List<byte[]> values) {
    CompletableFuture<Void> wake;
    synchronized (this) {
      inputs.computeIfAbsent(topic, t -> new ArrayList<>()).addAll(values);
      wake = waiting.remove(topic);
    }
    if (wake != null) {
      wake.complete(null);
    }
  }

  /** No more input on any topic: readers end once they have read everything. */
  public void close() {
    List<CompletableFuture<Void>> wake;
    synchronized (this) {
      closed = true;
      wake = new ArrayList<>(waiting.values());
      waiting.clear();
    }
    wake.forEach(f -> f.complete(null));
  }

  public void release() {
    close();
    BUSES.remove(id, this);
  }

  /** The value at {@code index} of a topic, or null when not appended yet. */
  synchronized byte[] read(String topic, long index) {
    List<byte[]> log = inputs.get(topic);
    return log == null || index >= log.size() ? null : log.get((int) index);
  }

  synchronized boolean ended(String topic, long index) {
    List<byte[]> log = inputs.get(topic);
    return closed && (log == null || index >= log.size());
  }

  /** Completes when the topic has a value at {@code index} or the bus closed. */
  synchronized CompletableFuture<Void> available(String topic, long index) {
    if (read(topic, index) != null || closed) {
      return CompletableFuture.completedFuture(null);
    }
    return waiting.computeIfAbsent(topic, t -> new CompletableFuture<>());
  }

  synchronized void output(String topic, SpecificRecord record) {
    outputs.computeIfAbsent(topic, t -> new ArrayList<>()).add(record);
  }

  synchronized void watermark(String writer, long watermark) {
    watermarks.merge(writer, watermark, Math::max);
    notifyAll();
  }

  /** The output watermark every expected writer has passed; Long.MIN_VALUE until all have reported. */
  public synchronized long outputWatermark() {
    if (watermarks.size() < expectedWriters) {
      return Long.MIN_VALUE;
    }
    return watermarks.values().stream().mapToLong(Long::longValue).min().orElse(Long.MIN_VALUE);
  }

  /** Waits until the output watermark reaches {@code time}; false on timeout. */
  public synchronized boolean awaitWatermark(long time, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (outputWatermark() < time) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  /** Takes every output record received so far, by topic. */
  public synchronized Map<String, List<SpecificRecord>> drain() {
    Map<String, List<SpecificRecord>> taken = new HashMap<>(outputs);
    outputs.clear();
    return taken;
  }
}
