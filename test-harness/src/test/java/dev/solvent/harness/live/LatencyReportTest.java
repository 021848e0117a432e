package dev.solvent.harness.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.avro.calls.MarginCall;
import dev.solvent.avro.oracle.OraclePrice;
import dev.solvent.avro.oracle.PublishReason;
import dev.solvent.harness.live.OutputWatch.Seen;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencyReportTest {

  private static OraclePrice price(long source, long publish) {
    return OraclePrice.newBuilder().setUnderlying("BTC").setIndexPrice(new BigDecimal("100.00000000"))
        .setMarkPrice(new BigDecimal("100.00000000")).setSourceTime(Instant.ofEpochMilli(source))
        .setPublishTime(Instant.ofEpochMilli(publish)).setLiveSources(3).setSources(List.of()).setStale(false)
        .setReason(PublishReason.DEVIATION).build();
  }

  private static MarginCall call(long time) {
    return MarginCall.newBuilder().setAccountId("a").setEventTime(Instant.ofEpochMilli(time)).setMarginRatio(1.2)
        .setWarningLevel(1.5).setEquity(new BigDecimal("1.00000000")).setMaintenanceMargin(new BigDecimal(
            "1.00000000")).setLiquidationDistanceSigma(null).setBankruptcyDistanceSigma(null)
        .setProbabilityOfDefault(null).setHorizonMillis(0).build();
  }

  /**
   * A tick at 1,000 appended at 1,003; its window closes at 1,010; the last partition moves past 1,010 at 1,025; the
   * job's producer appends the call at 1,060 and it is visible at 1,062: 59 ms, split 7 + 15 + 35 + 2.
   */
  @Test
  void splitsTheTimeFromTheTickToTheVisibleCallIntoItsParts() {
    AppendLog log = new AppendLog();
    log.quoteAppended("BTC", 1_000, 1_003);
    log.appended("market.ticks", 0, 1_000, 1_003);
    log.appended("market.ticks", 0, 1_020, 1_021);
    log.appended("account.events", 0, 1_011, 1_025);
    List<Seen> committed = List.of(new Seen("oracle.prices", 0, 0, 1_010, 1_030, price(1_000, 1_010)),
        new Seen("margin.calls", 0, 7, 1_010, 1_062, call(1_010)));
    List<Seen> uncommitted = List.of(new Seen("margin.calls", 0, 7, 1_010, 1_060, call(1_010)));
    LatencyReport.Result result = LatencyReport.measure(committed, uncommitted, log, Map.of(), 0, 0);
    LatencyReport.Sample s = result.samples().get("margin.calls").get(0);
    assertThat(s.total()).isEqualTo(59);
    assertThat(s.window()).isEqualTo(7);
    assertThat(s.watermark()).isEqualTo(15);
    assertThat(s.processing()).isEqualTo(35);
    assertThat(s.commit()).isEqualTo(2);
  }

  @Test
  void aHeartbeatRepublishingTheLastTickCausesNothingATickDid() {
    AppendLog log = new AppendLog();
    log.quoteAppended("BTC", 1_000, 1_003);
    log.appended("market.ticks", 0, 3_000, 3_001);
    List<Seen> committed = List.of(new Seen("oracle.prices", 0, 0, 1_010, 1_030, price(1_000, 1_010)),
        new Seen("oracle.prices", 0, 1, 2_010, 2_030, price(1_000, 2_010)),
        new Seen("margin.calls", 0, 0, 2_010, 2_040, call(2_010)));
    LatencyReport.Result result = LatencyReport.measure(committed, List.of(), log, Map.of(), 0, 0);
    assertThat(result.samples()).isEmpty();
    assertThat(result.notFromAPrice()).containsEntry("margin.calls", 1L);
  }

  @Test
  void percentilesAreNearestRank() {
    long[] values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(LatencyReport.percentile(values, 50)).isEqualTo("5");
    assertThat(LatencyReport.percentile(values, 99)).isEqualTo("10");
    assertThat(LatencyReport.percentile(values, 100)).isEqualTo("10");
    assertThat(LatencyReport.percentile(new long[0], 50)).isEqualTo("-");
  }
}
