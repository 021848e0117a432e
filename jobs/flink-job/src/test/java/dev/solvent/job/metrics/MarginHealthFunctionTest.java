package dev.solvent.job.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.avro.margin.MarginMode;
import dev.solvent.avro.margin.MarginStatus;
import dev.solvent.avro.margin.MarginUpdate;
import dev.solvent.avro.margin.UnderlyingExposure;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class MarginHealthFunctionTest {

  @Test
  void bandsAtTheirBoundaries() {
    assertThat(MarginBand.of(0.9999)).isEqualTo(MarginBand.BELOW_1);
    assertThat(MarginBand.of(1.0)).isEqualTo(MarginBand.FROM_1_TO_1_25);
    assertThat(MarginBand.of(1.25)).isEqualTo(MarginBand.FROM_1_25_TO_1_5);
    assertThat(MarginBand.of(1.9999)).isEqualTo(MarginBand.FROM_1_5_TO_2);
    assertThat(MarginBand.of(2.0)).isEqualTo(MarginBand.FROM_2);
    assertThat(MarginBand.of(null)).isNull();
  }

  @Test
  void bandLabelsSurviveThePrometheusReporterUnchanged() {
    for (MarginBand band : MarginBand.values()) {
      assertThat(band.label()).as("the reporter turns other characters into _").matches("[A-Za-z0-9_]+");
    }
  }

  @Test
  void anAccountMovesBetweenBandsAndLeavesThePendingCountWhenHealthyAgain() throws Exception {
    MarginHealthFunction health = new MarginHealthFunction();
    try (var h = harness(health)) {
      h.open();
      h.processElement(update("a1", 0.8, MarginStatus.LIQUIDATABLE, "BTC", "ETH"), 1);
      h.processElement(update("a2", 1.1, MarginStatus.MARGIN_CALL, "BTC"), 1);
      assertThat(health.accounts(MarginMode.CROSS, MarginBand.BELOW_1)).isEqualTo(1);
      assertThat(health.accounts(MarginMode.CROSS, MarginBand.FROM_1_TO_1_25)).isEqualTo(1);
      assertThat(health.pending("BTC")).isEqualTo(1);
      assertThat(health.pending("ETH")).isEqualTo(1);

      h.processElement(update("a1", 1.3, MarginStatus.HEALTHY, "BTC"), 2);
      h.processElement(update("a2", null, MarginStatus.HEALTHY), 2);
      assertThat(health.accounts(MarginMode.CROSS, MarginBand.BELOW_1)).isZero();
      assertThat(health.accounts(MarginMode.CROSS, MarginBand.FROM_1_TO_1_25)).isZero();
      assertThat(health.accounts(MarginMode.CROSS, MarginBand.FROM_1_25_TO_1_5)).isEqualTo(1);
      assertThat(health.pending("BTC")).isZero();
      assertThat(health.pending("ETH")).isZero();
      assertThat(h.numKeyedStateEntries()).as("a1's band only: a2 has no ratio, so no band; nothing pending once "
          + "healthy").isEqualTo(1);
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }

  @Test
  void theCountsSurviveARestoreSoTheNextMoveIsCountedFromTheRightBand() throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = harness(new MarginHealthFunction())) {
      h.open();
      h.processElement(update("a1", 0.5, MarginStatus.BANKRUPT, "BTC"), 1);
      h.processElement(update("a2", 1.7, MarginStatus.HEALTHY, "BTC"), 1);
      snapshot = h.snapshot(1, 1);
    }
    MarginHealthFunction restored = new MarginHealthFunction();
    try (var h = harness(restored)) {
      h.initializeState(snapshot);
      h.open();
      assertThat(restored.accounts(MarginMode.CROSS, MarginBand.BELOW_1)).isEqualTo(1);
      assertThat(restored.pending("BTC")).isEqualTo(1);
      h.processElement(update("a1", 2.5, MarginStatus.HEALTHY, "BTC"), 2);
      assertThat(restored.accounts(MarginMode.CROSS, MarginBand.BELOW_1)).isZero();
      assertThat(restored.accounts(MarginMode.CROSS, MarginBand.FROM_1_5_TO_2)).isEqualTo(1);
      assertThat(restored.accounts(MarginMode.CROSS, MarginBand.FROM_2)).isEqualTo(1);
      assertThat(restored.pending("BTC")).isZero();
      assertThat(h.numKeyedStateEntries()).as("each account's band, restored").isEqualTo(2);
      assertThat(h.numEventTimeTimers()).isZero();
    }
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, MarginUpdate, Void> harness(
      MarginHealthFunction function) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(function),
        MarginUpdate::getAccountId, Types.STRING);
  }

  private static MarginUpdate update(String account, Double ratio, MarginStatus status, String... underlyings) {
    return MarginUpdate.newBuilder()
        .setAccountId(account)
        .setEventTime(Instant.ofEpochMilli(1))
        .setSequence(1)
        .setMarginMode(MarginMode.CROSS)
        .setEquity(new BigDecimal("100.00000000"))
        .setInitialMargin(new BigDecimal("10.00000000"))
        .setMaintenanceMargin(new BigDecimal("5.00000000"))
        .setMarginRatio(ratio)
        .setStatus(status)
        .setExposures(List.of(underlyings).stream().map(u -> new UnderlyingExposure(u, 1.0, 0.0, 0.0)).toList())
        .setOracleLagMillis(0)
        .build();
  }
}
