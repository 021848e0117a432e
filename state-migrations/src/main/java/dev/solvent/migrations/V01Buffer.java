package dev.solvent.migrations;

import dev.solvent.job.common.EventTimeBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * A v0.1 {@link EventTimeBuffer} as its states were laid out (one entry per input keyed by time and arrival, a
 * count per time), for reading one key's buffered inputs in the order they arrived.
 */
final class V01Buffer<E> {

  /** A buffered input at its time. */
  record Buffered<E>(long time, E input) {}

  private final MapState<Long, Integer> counts;
  private final MapState<EventTimeBuffer.Slot, E> inputs;

  V01Buffer(RuntimeContext context, String name, TypeInformation<E> type) {
    counts = context.getMapState(new MapStateDescriptor<>(name + "-counts", Types.LONG, Types.INT));
    inputs = context.getMapState(new MapStateDescriptor<>(name, TypeInformation.of(EventTimeBuffer.Slot.class),
        type));
  }

  /** The current key's inputs, by time, each time's in arrival order. */
  List<Buffered<E>> all() throws Exception {
    Map<Long, Integer> byTime = new TreeMap<>();
    for (var entry : counts.entries()) {
      byTime.put(entry.getKey(), entry.getValue());
    }
    List<Buffered<E>> all = new ArrayList<>();
    for (var entry : byTime.entrySet()) {
      for (int i = 0; i < entry.getValue(); i++) {
        all.add(new Buffered<>(entry.getKey(), inputs.get(new EventTimeBuffer.Slot(entry.getKey(), i))));
      }
    }
    return all;
  }
}
