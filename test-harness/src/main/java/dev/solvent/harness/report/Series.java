package dev.solvent.harness.report;

/**
 * One named line or bar series of a chart: values at event times (UTC milliseconds), in time order.
 */
public record Series(String name, long[] times, double[] values) {

  public Series {
    if (times.length != values.length) {
      throw new IllegalArgumentException(name + ": " + times.length + " times but " + values.length + " values");
    }
  }
}
