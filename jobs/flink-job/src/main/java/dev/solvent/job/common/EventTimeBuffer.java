package dev.solvent.job.common;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Keyed inputs held until the watermark passes their event time, then released in a fixed order: the heart of the
 * pipeline's determinism (architecture.md, "Deterministic in event time"). Whatever order the inputs of a key
 * arrived in, across channels or after a restore, the operator sees those of one timestamp together, sorted by the
 * stage's tie-break, once the watermark guarantees no more can come.
 *
 * <p>Each input is its own state entry, keyed by (time, arrival index), with a count per time: adding is constant
 * work however many inputs share a key and a timestamp (an instrument's holders at one trade burst, a fund's
 * settlements in a crash), and releasing a timestamp reads exactly its inputs.
 */
public final class EventTimeBuffer<E> {

  private final MapState<Long, Integer> counts;
  private final MapState<Slot, E> inputs;
  private final Comparator<E> tieBreak;

  /** Where one buffered input is kept. */
  public record Slot(long time, int index) {}

  public EventTimeBuffer(RuntimeContext context, String name, TypeInformation<E> type, Comparator<E> tieBreak) {
    this.counts = context.getMapState(new MapStateDescriptor<>(name + "-counts", Types.LONG, Types.INT));
    this.inputs = context.getMapState(new MapStateDescriptor<>(name, TypeInformation.of(Slot.class), type));
    this.tieBreak = tieBreak;
  }

  /** Holds {@code input} until the watermark passes {@code time}; the first input at a time asks for its timer. */
  public void add(long time, E input, LongConsumer registerTimer) throws Exception {
    Integer count = counts.get(time);
    if (count == null) {
      count = 0;
      registerTimer.accept(time);
    }
    inputs.put(new Slot(time, count), input);
    counts.put(time, count + 1);
  }

  /** Whether inputs wait for {@code time} (their timer must stay). */
  public boolean holds(long time) throws Exception {
    return counts.contains(time);
  }

  /** The inputs of {@code time} in tie-break order, removed from the buffer; empty when there were none. */
  public List<E> release(long time) throws Exception {
    Integer count = counts.get(time);
    if (count == null) {
      return List.of();
    }
    counts.remove(time);
    List<E> released = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Slot slot = new Slot(time, i);
      released.add(inputs.get(slot));
      inputs.remove(slot);
    }
    released.sort(tieBreak);
    return released;
  }
}
