package dev.solvent.job.metrics;

import dev.solvent.avro.auction.AuctionEvent;
import dev.solvent.avro.auction.AuctionEventKind;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/** auction.events: auctions started, stepped, settled, reset and cancelled. */
public final class AuctionMeter implements Meter<AuctionEvent> {

  private static final long serialVersionUID = 1L;
  private transient Map<AuctionEventKind, Counter> events;

  @Override
  public void register(MetricGroup solvent) {
    events = EnumCounters.register(solvent, "kind", AuctionEventKind.class, "auction_events");
  }

  @Override
  public void observe(AuctionEvent event) {
    events.get(event.getKind()).inc();
  }
}
