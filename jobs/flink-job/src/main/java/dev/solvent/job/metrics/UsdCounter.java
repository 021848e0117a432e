package dev.solvent.job.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.flink.metrics.Counter;

/**
 * A running USD total for a Flink counter, which counts whole units: the exact amount accumulates here and the
 * counter shows it rounded down to the dollar, so cents never drift however many records add up. (The ledger topic
 * is the exact record; this is for watching.)
 */
final class UsdCounter {

  private final Counter counter;
  private BigDecimal total = BigDecimal.ZERO;

  UsdCounter(Counter counter) {
    this.counter = counter;
  }

  void add(BigDecimal usd) {
    total = total.add(usd.abs());
    long whole = total.setScale(0, RoundingMode.DOWN).longValueExact();
    counter.inc(whole - counter.getCount());
  }
}
