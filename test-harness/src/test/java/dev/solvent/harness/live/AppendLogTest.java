package dev.solvent.harness.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AppendLogTest {

  @Test
  void theWatermarkCanPassATimeOnceEveryPartitionHasARecordAfterIt() {
    AppendLog log = new AppendLog();
    log.appended("market.ticks", 0, 1_000, 1_003);
    log.appended("market.ticks", 0, 1_100, 1_104);
    log.appended("market.ticks", 1, 1_000, 1_002);
    log.appended("market.ticks", 1, 1_100, 1_120);
    log.appended("market.ticks", 1, 1_200, 1_201);
    // Past 1,000 (out-of-orderness 0) needs a record at 1,001 or later on each: 1,104 and 1,120.
    assertThat(log.watermarkReady(1_000, 0)).isEqualTo(1_120);
    // Past 1,099 needs 1,100 or later: the same two appends.
    assertThat(log.watermarkReady(1_099, 0)).isEqualTo(1_120);
    // Past 1,100 needs 1,101: partition 0 never got there.
    assertThat(log.watermarkReady(1_100, 0)).isEqualTo(-1);
    // With 100 ms of out-of-orderness, past 1,000 needs 1,101 too.
    assertThat(log.watermarkReady(1_000, 100)).isEqualTo(-1);
    assertThat(log.watermarkReady(999, 100)).isEqualTo(1_120);
  }

  @Test
  void aQuoteInstantIsAppendedWhenItsLastSourceIs() {
    AppendLog log = new AppendLog();
    log.quoteAppended("BTC", 1_000, 1_004);
    log.quoteAppended("BTC", 1_000, 1_002);
    log.quoteAppended("BTC", 1_000, 1_006);
    assertThat(log.quoteAppended("BTC", 1_000)).isEqualTo(1_006);
    assertThat(log.quoteAppended("ETH", 1_000)).isEqualTo(-1);
  }
}
