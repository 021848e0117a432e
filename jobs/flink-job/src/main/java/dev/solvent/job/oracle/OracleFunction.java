package dev.solvent.job.oracle;

import dev.solvent.avro.oracle.OraclePrice;
import dev.solvent.avro.oracle.PublishReason;
import dev.solvent.avro.oracle.SourceObservation;
import dev.solvent.avro.ticks.MarketTick;
import dev.solvent.avro.ticks.Quote;
import dev.solvent.job.common.EventTimeBuffer;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.job.model.OracleUpdate;
import dev.solvent.risk.oracle.Ewma;
import dev.solvent.risk.oracle.OracleIndex;
import dev.solvent.risk.oracle.PublishPolicy;
import dev.solvent.risk.oracle.SourceQuote;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * ORACLE stage (keyBy underlying). Ticks are gathered into event-time windows of {@code oracle.window-ms}; at each
 * window's end the index is the median of the sources' latest prices after the staleness and outlier rules
 * ({@link OracleIndex}); it is published under the deviation/heartbeat policy ({@link PublishPolicy}) at window end
 * + {@code oracle.latency-ms}, with the mark smoothed by an EWMA. Source time and publish time travel with the price,
 * so its lag is visible downstream.
 */
public final class OracleFunction extends KeyedProcessFunction<String, MarketTick, OracleUpdate> {

  private static final long serialVersionUID = 1L;

  private final long window;
  private final long latency;
  private final long heartbeat;
  private final long markHalfLife;
  private final SolventConfig config;
  private transient OracleIndex index;
  private transient PublishPolicy policy;

  private transient EventTimeBuffer<MarketTick> ticks;
  private transient MapState<String, SourceQuote> latest;
  private transient ValueState<OracleMemory> memory;
  private transient MapState<Long, OracleUpdate> scheduled;
  private transient ValueState<Long> heartbeatDue;

  public OracleFunction(SolventConfig config) {
    this.window = config.get(SolventConfig.ORACLE_WINDOW);
    this.latency = config.get(SolventConfig.ORACLE_LATENCY);
    this.heartbeat = config.get(SolventConfig.ORACLE_HEARTBEAT);
    this.markHalfLife = config.get(SolventConfig.ORACLE_MARK_HALF_LIFE);
    this.config = config;
  }

  @Override
  public void open(OpenContext context) {
    index = new OracleIndex(config.get(SolventConfig.ORACLE_STALENESS), config.get(SolventConfig.ORACLE_OUTLIER_BAND),
        config.get(SolventConfig.ORACLE_MIN_SOURCES));
    policy = new PublishPolicy(config.get(SolventConfig.ORACLE_DEVIATION), heartbeat);
    ticks = new EventTimeBuffer<>(getRuntimeContext(), "ticks", TypeInformation.of(MarketTick.class),
        Comparator.comparing((MarketTick t) -> t.getEventTime())
            .thenComparing(t -> ((Quote) t.getPayload()).getSource())
            .thenComparingLong(t -> ((Quote) t.getPayload()).getSequence()));
    latest = getRuntimeContext().getMapState(new MapStateDescriptor<>("latest", Types.STRING,
        TypeInformation.of(SourceQuote.class)));
    memory = getRuntimeContext().getState(new ValueStateDescriptor<>("memory", OracleMemory.class));
    scheduled = getRuntimeContext().getMapState(new MapStateDescriptor<>("scheduled", Types.LONG,
        TypeInformation.of(OracleUpdate.class)));
    heartbeatDue = getRuntimeContext().getState(new ValueStateDescriptor<>("heartbeat-due", Types.LONG));
  }

  @Override
  public void processElement(MarketTick tick, Context ctx, Collector<OracleUpdate> out) throws Exception {
    ticks.add(windowEnd(tick.getEventTime().toEpochMilli()), tick, ctx.timerService()::registerEventTimeTimer);
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<OracleUpdate> out) throws Exception {
    OracleUpdate due = scheduled.get(time);
    if (due != null) {
      scheduled.remove(time);
      out.collect(due);
    }
    List<MarketTick> arrived = ticks.release(time);
    for (MarketTick tick : arrived) {
      Quote q = (Quote) tick.getPayload();
      SourceQuote previous = latest.get(q.getSource());
      long at = tick.getEventTime().toEpochMilli();
      if (previous == null || at >= previous.time()) {
        latest.put(q.getSource(), new SourceQuote(q.getSource(), q.getPrice().doubleValue(), at,
            depth(q.getBidDepth2Pct()), depth(q.getAskDepth2Pct())));
      }
    }
    Long heartbeatAt = heartbeatDue.value();
    boolean heartbeatNow = heartbeatAt != null && heartbeatAt == time;
    if (arrived.isEmpty() && !heartbeatNow) {
      return;
    }
    publishIfDue(time, ctx, out);
  }

  private void publishIfDue(long windowEnd, OnTimerContext ctx, Collector<OracleUpdate> out) throws Exception {
    List<SourceQuote> quotes = new ArrayList<>();
    latest.values().forEach(quotes::add);
    OracleIndex.Result result = index.compute(quotes, windowEnd);
    OracleMemory last = memory.value() == null ? OracleMemory.NONE : memory.value();
    double indexPrice = Double.isNaN(result.index()) ? last.lastIndex() : result.index();
    if (Double.isNaN(indexPrice)) {
      return; // never had a live source: nothing to publish yet
    }
    dev.solvent.risk.oracle.PublishReason reason = policy.reason(!last.published(), last.lastIndex(), last.lastPublish(), last.lastStale(), indexPrice,
        result.stale(), windowEnd);
    if (reason == null) {
      return;
    }
    double mark = last.published()
        ? Ewma.update(last.lastMark(), indexPrice, windowEnd - last.lastPublish(), markHalfLife) : indexPrice;
    long publishTime = windowEnd + latency;
    OraclePrice published = price(ctx.getCurrentKey(), result, indexPrice, mark, publishTime, reason);
    // The risk arrays use the depth as published, so that a rebuild from the topic (explain --account) sees it too.
    OracleUpdate update = new OracleUpdate(published, depth(published.getBidDepth2Pct()),
        depth(published.getAskDepth2Pct()));
    memory.update(new OracleMemory(true, indexPrice, mark, windowEnd, result.stale()));
    if (latency == 0) {
      out.collect(update);
    } else {
      scheduled.put(publishTime, update);
      ctx.timerService().registerEventTimeTimer(publishTime);
    }
    // Heartbeats continue while a source is live; once every source is silent the stale price is the last one until
    // ticks return. A replay's end thus leads to one stale publication, the same in every run, not an endless chain.
    if (result.liveSources() > 0) {
      long nextHeartbeat = windowEnd(windowEnd + heartbeat - 1);
      heartbeatDue.update(nextHeartbeat);
      ctx.timerService().registerEventTimeTimer(nextHeartbeat);
    } else {
      heartbeatDue.clear();
    }
  }

  private static OraclePrice price(String underlying, OracleIndex.Result result, double index, double mark,
      long publishTime, dev.solvent.risk.oracle.PublishReason reason) {
    List<SourceObservation> sources = new ArrayList<>();
    for (int i = 0; i < result.quotes().size(); i++) {
      SourceQuote q = result.quotes().get(i);
      sources.add(new SourceObservation(q.source(), decimal(q.price()), Instant.ofEpochMilli(q.time()),
          dev.solvent.avro.oracle.SourceStatus.valueOf(result.statuses().get(i).name())));
    }
    long sourceTime = result.sourceTime() == Long.MIN_VALUE
        ? result.quotes().stream().mapToLong(SourceQuote::time).max().orElse(publishTime) : result.sourceTime();
    return OraclePrice.newBuilder()
        .setUnderlying(underlying)
        .setIndexPrice(decimal(index))
        .setMarkPrice(decimal(mark))
        .setSourceTime(Instant.ofEpochMilli(sourceTime))
        .setPublishTime(Instant.ofEpochMilli(publishTime))
        .setLiveSources(result.liveSources())
        .setSources(sources)
        .setStale(result.stale())
        .setReason(PublishReason.valueOf(reason.name()))
        .setBidDepth2Pct(Double.isNaN(result.bidDepth2Pct()) ? null : decimal(result.bidDepth2Pct()))
        .setAskDepth2Pct(Double.isNaN(result.askDepth2Pct()) ? null : decimal(result.askDepth2Pct()))
        .build();
  }

  /** Prices are neither charges nor payouts: they round to the nearest satoshi. */
  static BigDecimal decimal(double price) {
    return new BigDecimal(price).setScale(8, RoundingMode.HALF_EVEN);
  }

  private long windowEnd(long time) {
    return Math.floorDiv(time, window) * window + window;
  }

  private static double depth(BigDecimal value) {
    return value == null ? Double.NaN : value.doubleValue();
  }
}
