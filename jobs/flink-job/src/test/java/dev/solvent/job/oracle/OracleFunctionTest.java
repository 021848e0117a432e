package dev.solvent.job.oracle;

import static dev.solvent.job.Records.tick;
import static dev.solvent.job.Records.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.avro.oracle.OraclePrice;
import dev.solvent.avro.ticks.MarketTick;
import dev.solvent.avro.ticks.Quote;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.job.model.OracleUpdate;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class OracleFunctionTest {

  private KeyedOneInputStreamOperatorTestHarness<String, MarketTick, OracleUpdate> harness(SolventConfig config)
      throws Exception {
    return ProcessFunctionTestHarnesses.forKeyedProcessFunction(new OracleFunction(config),
        t -> ((Quote) t.getPayload()).getUnderlying(), Types.STRING);
  }

  private static List<OraclePrice> prices(KeyedOneInputStreamOperatorTestHarness<String, MarketTick, OracleUpdate> h) {
    return values(h.getOutput()).stream().map(u -> ((OracleUpdate) u).price()).toList();
  }

  @Test
  void indexIsTheMedianOfLiveSourcesAndASpikingSourceIsDroppedAsOutlier() throws Exception {
    var h = harness(SolventConfig.defaults());
    h.processElement(tick(100, "BTC", "a", "100000"), 100);
    h.processElement(tick(200, "BTC", "b", "100100"), 200);
    h.processElement(tick(300, "BTC", "c", "130000"), 300); // 30% off the median: manipulation
    h.processWatermark(1_000);

    OraclePrice price = prices(h).get(0);
    assertThat(price.getIndexPrice()).isEqualByComparingTo("100050");
    assertThat(price.getLiveSources()).isEqualTo(2);
    assertThat(price.getSources()).extracting(s -> s.getSource() + ":" + s.getStatus())
        .containsExactly("a:LIVE", "b:LIVE", "c:OUTLIER");
    assertThat(price.getSourceTime().toEpochMilli()).isEqualTo(200);
    assertThat(price.getPublishTime().toEpochMilli()).isEqualTo(1_000);
    assertThat(price.getReason().name()).isEqualTo("FIRST");
    assertThat(price.getStale()).isFalse();
    assertThat(h.numKeyedStateEntries()).as("latest quotes, memory, heartbeat due; the ticks drained").isEqualTo(3);
    assertThat(h.numEventTimeTimers()).as("the next heartbeat, at 61 s").isEqualTo(1);
  }

  @Test
  void publishesOnDeviationOrHeartbeatOnlyAndMarksStaleWhenSourcesGoSilent() throws Exception {
    var h = harness(SolventConfig.defaults().with("oracle.heartbeat-ms", "5000"));
    for (long t = 0; t < 4_000; t += 1_000) {
      h.processElement(tick(t, "BTC", "a", t < 2_000 ? "100000" : "100001"), t);
      h.processElement(tick(t, "BTC", "b", "100000"), t);
    }
    h.processWatermark(4_000);
    // 100,000.5 is a 0.0005% move: under the 0.05% threshold, so only the first price.
    assertThat(prices(h)).extracting(p -> p.getReason().name()).containsExactly("FIRST");

    // Heartbeats every 5 s after the first publication (1 s): at 6 s and 11 s the last ticks (3 s) are still within
    // the 10 s staleness limit; at 16 s they are not: a stale price, and then silence.
    h.processWatermark(30_000);
    List<OraclePrice> all = prices(h);
    assertThat(all).extracting(p -> p.getReason().name() + "@" + p.getPublishTime().toEpochMilli())
        .containsExactly("FIRST@1000", "HEARTBEAT@6000", "HEARTBEAT@11000", "STALENESS_CHANGE@16000");
    assertThat(all.get(3).getStale()).isTrue();
    assertThat(all.get(3).getSources()).allSatisfy(s -> assertThat(s.getStatus().name()).isEqualTo("STALE"));
    assertThat(h.numEventTimeTimers()).as("no heartbeat chain once every source is silent").isZero();
    assertThat(h.numKeyedStateEntries()).as("latest quotes and memory; no heartbeat due").isEqualTo(2);
  }

  @Test
  void publishesAfterTheModeledLatency() throws Exception {
    var h = harness(SolventConfig.defaults().with("oracle.latency-ms", "1500"));
    h.processElement(tick(100, "BTC", "a", "100000"), 100);
    h.processElement(tick(100, "BTC", "b", "100000"), 100);
    h.processWatermark(1_000);
    assertThat(prices(h)).isEmpty();
    h.processWatermark(2_500);
    OraclePrice price = prices(h).get(0);
    assertThat(price.getPublishTime().toEpochMilli()).isEqualTo(2_500);
    assertThat(price.getPublishTime().toEpochMilli() - price.getSourceTime().toEpochMilli()).isEqualTo(2_400);
    assertThat(h.numKeyedStateEntries()).as("latest quotes, memory, heartbeat due; nothing scheduled").isEqualTo(3);
    assertThat(h.numEventTimeTimers()).as("the next heartbeat").isEqualTo(1);
  }

  @Test
  void tooFewLiveSourcesMakeThePriceStale() throws Exception {
    var h = harness(SolventConfig.defaults().with("oracle.min-sources", "2"));
    h.processElement(tick(100, "ETH", "a", "4000"), 100);
    h.processWatermark(1_000);
    assertThat(prices(h).get(0).getStale()).isTrue();
    assertThat(h.numKeyedStateEntries()).as("latest quote, memory, heartbeat due").isEqualTo(3);
    assertThat(h.numEventTimeTimers()).as("one live source keeps the heartbeat going").isEqualTo(1);
  }
}
