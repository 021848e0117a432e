package dev.solvent.job.ingest;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Per-partition watermarks (the Kafka and file sources run one generator per split): bounded out-of-orderness over
 * the records the {@link AcceptanceRule} accepts, so a far-future or far-late record never moves time. Heartbeats
 * are ordinary accepted records here. Idleness is off unless configured (a replay must not depend on its speed).
 */
public final class SolventWatermarks {

  private SolventWatermarks() {}

  public static WatermarkStrategy<Ingested> strategy(AcceptanceRule rule, long idlenessMillis) {
    WatermarkStrategy<Ingested> strategy = WatermarkStrategy.<Ingested>forGenerator(context -> new Generator(rule))
        .withTimestampAssigner((record, previous) -> record.failed() ? previous : record.eventTime());
    return idlenessMillis > 0 ? strategy.withIdleness(Duration.ofMillis(idlenessMillis)) : strategy;
  }

  static final class Generator implements WatermarkGenerator<Ingested> {
    private final AcceptanceRule rule;
    private long latestAccepted = AcceptanceRule.NONE;

    Generator(AcceptanceRule rule) {
      this.rule = rule;
    }

    @Override
    public void onEvent(Ingested record, long timestamp, WatermarkOutput output) {
      if (!record.failed() && rule.reject(latestAccepted, record.eventTime()) == null) {
        latestAccepted = rule.advance(latestAccepted, record.eventTime());
        if (record.heartbeat()) {
          onPeriodicEmit(output); // a heartbeat exists to move time: do so now, not at the next periodic tick
        }
      }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      if (latestAccepted != AcceptanceRule.NONE) {
        output.emitWatermark(new Watermark(latestAccepted - rule.maxOutOfOrderness() - 1));
      }
    }
  }
}
