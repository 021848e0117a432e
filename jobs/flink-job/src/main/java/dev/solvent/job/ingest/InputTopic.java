package dev.solvent.job.ingest;

import dev.solvent.avro.account.AccountEvent;
import dev.solvent.avro.bids.AuctionBid;
import dev.solvent.avro.instruments.InstrumentUpdate;
import dev.solvent.avro.riskbids.RiskBid;
import dev.solvent.avro.ticks.MarketTick;
import dev.solvent.avro.vols.MarketVol;
import dev.solvent.schema.Topic;
import dev.solvent.schema.Topics;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/** An input topic as the job reads it: its record type, event time and heartbeat test. */
public final class InputTopic<T extends SpecificRecord> implements Serializable {

  private static final long serialVersionUID = 1L;

  public static final InputTopic<MarketTick> MARKET_TICKS = new InputTopic<>(Topics.MARKET_TICKS,
      MarketTick::getEventTime, t -> t.getPayload() instanceof dev.solvent.avro.ticks.Heartbeat);
  public static final InputTopic<MarketVol> MARKET_VOLS = new InputTopic<>(Topics.MARKET_VOLS,
      MarketVol::getEventTime, v -> v.getPayload() instanceof dev.solvent.avro.vols.Heartbeat);
  public static final InputTopic<InstrumentUpdate> INSTRUMENTS = new InputTopic<>(Topics.INSTRUMENTS,
      InstrumentUpdate::getEventTime, i -> i.getPayload() instanceof dev.solvent.avro.instruments.Heartbeat);
  public static final InputTopic<AccountEvent> ACCOUNT_EVENTS = new InputTopic<>(Topics.ACCOUNT_EVENTS,
      AccountEvent::getEventTime, e -> e.getPayload() instanceof dev.solvent.avro.account.Heartbeat);
  public static final InputTopic<AuctionBid> AUCTION_BIDS = new InputTopic<>(Topics.AUCTION_BIDS,
      AuctionBid::getEventTime, b -> b.getPayload() instanceof dev.solvent.avro.bids.Heartbeat);

  public static final InputTopic<RiskBid> RISK_BIDS = new InputTopic<>(Topics.RISK_BIDS,
      RiskBid::getEventTime, b -> b.getPayload() instanceof dev.solvent.avro.riskbids.Heartbeat);

  public static final List<InputTopic<?>> ALL =
      List.of(MARKET_TICKS, MARKET_VOLS, INSTRUMENTS, ACCOUNT_EVENTS, AUCTION_BIDS, RISK_BIDS);

  private final Topic<T> topic;
  private final SerializableFunction<T, Instant> eventTime;
  private final SerializableFunction<T, Boolean> heartbeat;

  private InputTopic(Topic<T> topic, SerializableFunction<T, Instant> eventTime,
      SerializableFunction<T, Boolean> heartbeat) {
    this.topic = topic;
    this.eventTime = eventTime;
    this.heartbeat = heartbeat;
  }

  public static InputTopic<?> byName(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not an input topic: " + name));
  }

  public String name() {
    return topic.name();
  }

  public Topic<T> topic() {
    return topic;
  }

  public Class<T> type() {
    return topic.valueType();
  }

  public long eventTimeMillis(T record) {
    return eventTime.apply(record).toEpochMilli();
  }

  public boolean isHeartbeat(T record) {
    return heartbeat.apply(record);
  }

  /** A function Flink can ship with the job graph. */
  public interface SerializableFunction<A, B> extends Function<A, B>, Serializable {}
}
