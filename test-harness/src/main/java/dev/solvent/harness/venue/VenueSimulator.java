package dev.solvent.harness.venue;

import dev.solvent.avro.account.AccountEvent;
import dev.solvent.avro.account.AdlFill;
import dev.solvent.avro.account.LiquidationFill;
import dev.solvent.avro.account.Trade;
import dev.solvent.avro.adl.AdlOrder;
import dev.solvent.avro.awards.RiskAuctionOutcome;
import dev.solvent.avro.awards.RiskAuctionResult;
import dev.solvent.avro.awards.TransferredPosition;
import dev.solvent.avro.crosses.LiquidationCross;
import dev.solvent.avro.instruments.Instrument;
import dev.solvent.avro.instruments.InstrumentKind;
import dev.solvent.avro.instruments.InstrumentUpdate;
import dev.solvent.avro.liquidation.LiquidationOrder;
import dev.solvent.avro.liquidation.Side;
import dev.solvent.avro.ticks.MarketTick;
import dev.solvent.avro.ticks.Quote;
import dev.solvent.harness.loop.LoopRecord;
import dev.solvent.harness.loop.Participant;
import dev.solvent.job.model.Instruments;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The venue on the other side of the engine. Fills {@code liquidation.orders} against an {@link OrderBook} per
 * underlying (perpetuals and futures; options at their mark plus a spread), within each order's limit and in whole
 * lots, {@code latencyMillis} after the order; fills {@code adl.orders} at their price; returns the fills as
 * {@code account.events} and its own price, moved by the fills, as {@code market.ticks}. With
 * {@code impactOnSources} the other venues' quotes move by the same impact (arbitrage), which is how one
 * liquidation's selling reaches the oracle and triggers the next: a cascade.
 */
public final class VenueSimulator implements Participant {

  /** A fill's impact still counts as a cause of later liquidations while it is at least this large. */
  public static final double MATERIAL_IMPACT = 0.001;

  /** @param inverse contractSize is quote currency per contract (an inverse contract), not units of underlying */
  private record Spec(String underlying, InstrumentKind kind, double contractSize, BigDecimal lot, boolean inverse) {

    /** Units of underlying a contract takes from the book at a price. */
    double units(double price) {
      return inverse ? contractSize / price : contractSize;
    }
  }

  private final VenueSettings settings;
  private final Map<String, Spec> specs = new HashMap<>();
  private final Map<String, Map<String, Double>> quotes = new TreeMap<>();
  private final Map<String, OrderBook> books = new TreeMap<>();
  private final Map<String, Long> lastQuote = new HashMap<>();
  private final VenueStats stats = new VenueStats();
  private long quoteSequence;

  public VenueSimulator(VenueSettings settings) {
    this.settings = settings;
  }

  public VenueStats stats() {
    return stats;
  }

  @Override
  public LoopRecord adjust(LoopRecord input) {
    if (input.record() instanceof InstrumentUpdate update && update.getPayload() instanceof Instrument spec) {
      specs.put(spec.getInstrumentId(), new Spec(spec.getUnderlying(), spec.getKind(),
          spec.getContractSize().doubleValue(), spec.getLotSize(),
          Instruments.inverse(spec)));
    }
    if (!(input.record() instanceof MarketTick tick) || !(tick.getPayload() instanceof Quote q)
        || q.getSource().equals(settings.source())) {
      return input;
    }
    quotes.computeIfAbsent(q.getUnderlying(), u -> new TreeMap<>()).put(q.getSource(), q.getPrice().doubleValue());
    OrderBook book = books.get(q.getUnderlying());
    if (!settings.impactOnSources() || book == null) {
      return input;
    }
    double impact = book.impact(input.time());
    if (impact == 0) {
      return input;
    }
    BigDecimal moved = q.getPrice().multiply(BigDecimal.valueOf(1 + impact)).setScale(8, RoundingMode.HALF_EVEN);
    Quote adjusted = Quote.newBuilder(q).setPrice(moved).build();
    return new LoopRecord(input.topic(), input.time(), new MarketTick(tick.getEventTime(), adjusted));
  }

  @Override
  public List<LoopRecord> step(long until, List<LoopRecord> inputs, List<LoopRecord> outputs) {
    List<LoopRecord> answers = new ArrayList<>();
    Map<String, Long> moved = new TreeMap<>();
    // The engine's crosses first: an order goes to the book only for what they leave of it.
    Map<String, BigDecimal> netted = new TreeMap<>();
    for (LoopRecord out : outputs) {
      if (out.record() instanceof LiquidationCross cross) {
        cross(cross, until, answers);
        netted.merge(cross.getSellOrderId(), cross.getQuantity(), BigDecimal::add);
        netted.merge(cross.getBuyOrderId(), cross.getQuantity(), BigDecimal::add);
      }
    }
    for (LoopRecord out : outputs) {
      if (out.record() instanceof LiquidationOrder order) {
        BigDecimal left = order.getQuantity().subtract(netted.getOrDefault(order.getOrderId(), BigDecimal.ZERO));
        if (left.signum() > 0) {
          fill(left.compareTo(order.getQuantity()) == 0 ? order
              : LiquidationOrder.newBuilder(order).setQuantity(left).build(), until, answers, moved);
        }
      } else if (out.record() instanceof AdlOrder order) {
        deleverage(order, until, answers);
      } else if (out.record() instanceof RiskAuctionResult result
          && result.getOutcome() == RiskAuctionOutcome.WON) {
        takeover(result, until, answers);
      }
    }
    if (until != Long.MAX_VALUE) {
      for (String underlying : quotes.keySet()) {
        long last = lastQuote.getOrDefault(underlying, Long.MIN_VALUE);
        if (until + 1 - last >= settings.quoteIntervalMillis() || moved.containsKey(underlying)) {
          quote(underlying, until + 1, answers);
        }
      }
    }
    return answers;
  }

  private void fill(LiquidationOrder order, long until, List<LoopRecord> answers, Map<String, Long> moved) {
    Spec spec = specs.get(order.getInstrumentId());
    long orderTime = order.getEventTime().toEpochMilli();
    long time = Math.max(orderTime + settings.latencyMillis(), until + 1);
    boolean buy = order.getSide() == Side.BUY;
    double limit = order.getLimitPrice().doubleValue();
    if (spec == null || until == Long.MAX_VALUE) {
      stats.unfilled(order);
      return;
    }
    double price;
    double quantity;
    if (spec.kind() == InstrumentKind.OPTION) {
      price = order.getMarkPrice().doubleValue() * (1 + (buy ? 1 : -1) * settings.optionSpread());
      quantity = (buy ? price <= limit : price >= limit) ? order.getQuantity().doubleValue() : 0;
      stats.cascade(order, 0);
    } else {
      double reference = reference(spec.underlying());
      if (Double.isNaN(reference)) {
        stats.unfilled(order);
        return;
      }
      OrderBook book = books.computeIfAbsent(spec.underlying(),
          u -> new OrderBook(settings.depthOf(u), settings.resilienceHalfLifeMillis()));
      int depth = book.activeCascadeDepth(orderTime, MATERIAL_IMPACT) + 1;
      stats.cascade(order, depth);
      OrderBook.Take take = book.take(buy, order.getQuantity().doubleValue(), spec.units(reference),
          spec.lot().doubleValue(), limit, reference, time, depth);
      price = take.averagePrice();
      quantity = take.quantity();
      if (quantity > 0) {
        moved.put(spec.underlying(), time);
        quote(spec.underlying(), time, book.mid(reference, time), answers);
      }
    }
    if (quantity <= 0) {
      stats.unfilled(order);
      return;
    }
    BigDecimal lots = BigDecimal.valueOf(quantity).divide(spec.lot(), 0, RoundingMode.FLOOR);
    BigDecimal filled = spec.lot().multiply(lots).min(order.getQuantity()).setScale(8, RoundingMode.UNNECESSARY);
    BigDecimal printed = buy
        ? BigDecimal.valueOf(price).setScale(8, RoundingMode.CEILING).min(order.getLimitPrice())
        : BigDecimal.valueOf(price).setScale(8, RoundingMode.FLOOR).max(order.getLimitPrice());
    BigDecimal signed = buy ? filled : filled.negate();
    answers.add(new LoopRecord("account.events", time, new AccountEvent(Instant.ofEpochMilli(time), 0L,
        new LiquidationFill(order.getAccountId(), order.getInstrumentId(), order.getOrderId(), signed, printed,
            BigDecimal.ZERO.setScale(8)))));
    stats.filled(order, filled, printed, spec.units(printed.doubleValue()));
  }

  /**
   * A cross the engine netted: booked as a liquidation fill of each order at the cross's price, off the book (it
   * moves no price), after the venue's latency.
   */
  private void cross(LiquidationCross cross, long until, List<LoopRecord> answers) {
    if (until == Long.MAX_VALUE) {
      return;
    }
    long time = Math.max(cross.getEventTime().toEpochMilli() + settings.latencyMillis(), until + 1);
    for (boolean sell : new boolean[] {true, false}) {
      answers.add(new LoopRecord("account.events", time, new AccountEvent(Instant.ofEpochMilli(time), 0L,
          new LiquidationFill(sell ? cross.getSellAccountId() : cross.getBuyAccountId(), cross.getInstrumentId(),
              sell ? cross.getSellOrderId() : cross.getBuyOrderId(),
              sell ? cross.getQuantity().negate() : cross.getQuantity(), cross.getPrice(),
              BigDecimal.ZERO.setScale(8)))));
    }
    Spec spec = specs.get(cross.getInstrumentId());
    stats.crossed(cross, spec == null ? 1 : spec.units(cross.getPrice().doubleValue()));
  }

  /**
   * A risk auction won: the portfolio moves off the book, at the award's transfer prices, after the venue's latency
   * and only before the award's book-by time (after it the engine has liquidated the account without the auction):
   * the account's liquidation fill of each offered order, the winner's trade of the same quantity.
   */
  private void takeover(RiskAuctionResult result, long until, List<LoopRecord> answers) {
    long time = Math.max(result.getEventTime().toEpochMilli() + settings.latencyMillis(), until + 1);
    if (until == Long.MAX_VALUE || time >= result.getBookBy().toEpochMilli()) {
      stats.takeoverMissed();
      return;
    }
    Instant at = Instant.ofEpochMilli(time);
    BigDecimal zero = BigDecimal.ZERO.setScale(8);
    for (TransferredPosition p : result.getPositions()) {
      answers.add(new LoopRecord("account.events", time, new AccountEvent(at, 0L, new LiquidationFill(
          result.getAccountId(), p.getInstrumentId(), p.getOrderId(), p.getQuantity().negate(), p.getPrice(),
          zero))));
      answers.add(new LoopRecord("account.events", time, new AccountEvent(at, 0L, new Trade(result.getProviderId(),
          p.getInstrumentId(), "takeover/" + p.getOrderId(), p.getQuantity(), p.getPrice(), zero))));
      Spec spec = specs.get(p.getInstrumentId());
      stats.takenOver(p.getQuantity().abs().multiply(p.getPrice())
          .multiply(BigDecimal.valueOf(spec == null ? 1 : spec.units(p.getPrice().doubleValue()))));
    }
    stats.takeover();
  }

  private void deleverage(AdlOrder order, long until, List<LoopRecord> answers) {
    if (until == Long.MAX_VALUE) {
      return;
    }
    long time = Math.max(order.getEventTime().toEpochMilli() + settings.latencyMillis(), until + 1);
    BigDecimal signed = order.getSide() == dev.solvent.avro.adl.Side.BUY ? order.getQuantity()
        : order.getQuantity().negate();
    answers.add(new LoopRecord("account.events", time, new AccountEvent(Instant.ofEpochMilli(time), 0L,
        new AdlFill(order.getAccountId(), order.getInstrumentId(), order.getOrderId(), signed, order.getPrice()))));
    stats.deleveraged(order);
  }

  private void quote(String underlying, long time, List<LoopRecord> answers) {
    double reference = reference(underlying);
    if (Double.isNaN(reference)) {
      return;
    }
    OrderBook book = books.get(underlying);
    quote(underlying, time, book == null ? reference : book.mid(reference, time), answers);
  }

  private void quote(String underlying, long time, double price, List<LoopRecord> answers) {
    BigDecimal depth1 = BigDecimal.valueOf(settings.depthOf(underlying)).setScale(8, RoundingMode.HALF_EVEN);
    BigDecimal depth2 = depth1.multiply(BigDecimal.valueOf(2));
    answers.add(new LoopRecord("market.ticks", time, new MarketTick(Instant.ofEpochMilli(time), new Quote(underlying,
        settings.source(), BigDecimal.valueOf(price).setScale(8, RoundingMode.HALF_EVEN), ++quoteSequence, depth1,
        depth1, depth2, depth2))));
    lastQuote.put(underlying, time);
    stats.impact(underlying, time, books.containsKey(underlying) ? books.get(underlying).impact(time) : 0);
  }

  /** The other venues' median: what the book is centred on before its own impact. */
  private double reference(String underlying) {
    Map<String, Double> latest = quotes.get(underlying);
    if (latest == null || latest.isEmpty()) {
      return Double.NaN;
    }
    double[] prices = latest.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = prices.length;
    return n % 2 == 1 ? prices[n / 2] : (prices[n / 2 - 1] + prices[n / 2]) / 2;
  }
}
