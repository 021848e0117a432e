package dev.solvent.job.metrics;

import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/** One counter per value of an enum, labelled with it: every series exists from the start, at 0. */
final class EnumCounters {

  private EnumCounters() {}

  static <E extends Enum<E>> Map<E, Counter> register(MetricGroup group, String label, Class<E> type, String name) {
    Map<E, Counter> counters = new EnumMap<>(type);
    for (E value : type.getEnumConstants()) {
      counters.put(value, group.addGroup(label, value.name()).counter(name));
    }
    return counters;
  }

  /** The same, each counter showing a running USD total. */
  static <E extends Enum<E>> Map<E, UsdCounter> registerUsd(MetricGroup group, String label, Class<E> type,
      String name) {
    Map<E, UsdCounter> counters = new EnumMap<>(type);
    register(group, label, type, name).forEach((value, counter) -> counters.put(value, new UsdCounter(counter)));
    return counters;
  }
}
