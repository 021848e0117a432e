package dev.solvent.job.common;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.streaming.api.TimerService;

/**
 * Keyed inputs held until the watermark passes their event time, then released in a fixed order: the heart of the
 * pipeline's determinism (architecture.md, "Deterministic in event time"). Whatever order the inputs of a key
 * arrived in, across channels or after a restore, the operator sees those of one timestamp together, sorted by the
 * stage's tie-break, once the watermark guarantees no more can come.
 */
public final class EventTimeBuffer<E> {

  private final MapState<Long, List<E>> pending;
  private final Comparator<E> tieBreak;

  public EventTimeBuffer(RuntimeContext context, String name, TypeInformation<E> type, Comparator<E> tieBreak) {
    this.pending = context.getMapState(new MapStateDescriptor<>(name, Types.LONG, new ListTypeInfo<>(type)));
    this.tieBreak = tieBreak;
  }

  /** Holds {@code input} until the watermark passes {@code time}. */
  public void add(long time, E input, TimerService timers) throws Exception {
    List<E> atTime = pending.get(time);
    if (atTime == null) {
      atTime = new ArrayList<>();
      timers.registerEventTimeTimer(time);
    }
    atTime.add(input);
    pending.put(time, atTime);
  }

  /** The inputs of {@code time} in tie-break order, removed from the buffer; empty when there were none. */
  public List<E> release(long time) throws Exception {
    List<E> atTime = pending.get(time);
    if (atTime == null) {
      return List.of();
    }
    pending.remove(time);
    List<E> sorted = new ArrayList<>(atTime);
    sorted.sort(tieBreak);
    return sorted;
  }

  public boolean isEmpty() throws Exception {
    return pending.isEmpty();
  }
}
