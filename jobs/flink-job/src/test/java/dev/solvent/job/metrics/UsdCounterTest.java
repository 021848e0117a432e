package dev.solvent.job.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.Test;

class UsdCounterTest {

  @Test
  void centsAccumulateExactlyAndTheCounterShowsWholeDollars() {
    SimpleCounter counter = new SimpleCounter();
    UsdCounter usd = new UsdCounter(counter);
    for (int i = 0; i < 10; i++) {
      usd.add(new BigDecimal("0.30000001"));
    }
    assertThat(counter.getCount()).isEqualTo(3);
    usd.add(new BigDecimal("-1.99999990"));
    assertThat(counter.getCount()).as("amounts count by size: outflows are negative in the ledger").isEqualTo(5);
  }
}
