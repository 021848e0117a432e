package dev.solvent.harness.venue;

import dev.solvent.avro.adl.AdlOrder;
import dev.solvent.avro.crosses.LiquidationCross;
import dev.solvent.avro.liquidation.LiquidationOrder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the venue did: fills, what it could not fill, the impact of its fills, and each liquidation's cascade level. */
public final class VenueStats {

  /** A liquidation order's cascade level: 0 when no earlier fill's impact was still material at its trigger. */
  public record CascadePoint(long time, String orderId, int depth) {}

  private final List<CascadePoint> cascade = new ArrayList<>();
  private final Map<String, Double> worstImpact = new TreeMap<>();
  private long orders;
  private long fills;
  private long partialFills;
  private long unfilled;
  private long adlFills;
  private BigDecimal filledNotional = BigDecimal.ZERO;
  private BigDecimal adlNotional = BigDecimal.ZERO;
  private long crosses;
  private long takeovers;
  private long takeoversMissed;
  private BigDecimal takenOverNotional = BigDecimal.ZERO;
  private BigDecimal crossedNotional = BigDecimal.ZERO;

  void cascade(LiquidationOrder order, int depth) {
    cascade.add(new CascadePoint(order.getEventTime().toEpochMilli(), order.getOrderId(), depth));
  }

  void unfilled(LiquidationOrder order) {
    orders++;
    unfilled++;
  }

  void filled(LiquidationOrder order, BigDecimal quantity, BigDecimal price, double contractSize) {
    orders++;
    fills++;
    if (quantity.compareTo(order.getQuantity()) < 0) {
      partialFills++;
    }
    filledNotional = filledNotional.add(quantity.multiply(price).multiply(BigDecimal.valueOf(contractSize)));
  }

  /** A cross booked off the book, both sides: its notional once (what did not go to the market). */
  void crossed(LiquidationCross cross, double units) {
    crosses++;
    crossedNotional = crossedNotional.add(cross.getQuantity().multiply(cross.getPrice())
        .multiply(BigDecimal.valueOf(units)));
  }

  void takeover() {
    takeovers++;
  }

  void takeoverMissed() {
    takeoversMissed++;
  }

  void takenOver(BigDecimal notional) {
    takenOverNotional = takenOverNotional.add(notional);
  }

  /** Portfolios a risk auction's winner took over, booked off the book. */
  public long takeovers() {
    return takeovers;
  }

  /** Awards the venue could not book before their book-by time (the engine liquidated those accounts instead). */
  public long takeoversMissed() {
    return takeoversMissed;
  }

  public BigDecimal takenOverNotional() {
    return takenOverNotional;
  }

  public long crosses() {
    return crosses;
  }

  public BigDecimal crossedNotional() {
    return crossedNotional;
  }

  void deleveraged(AdlOrder order) {
    adlFills++;
    adlNotional = adlNotional.add(order.getQuantity().multiply(order.getPrice()));
  }

  void impact(String underlying, long time, double impact) {
    worstImpact.merge(underlying, impact, Math::min);
  }

  public List<CascadePoint> cascade() {
    return List.copyOf(cascade);
  }

  public int deepestCascade() {
    return cascade.stream().mapToInt(CascadePoint::depth).max().orElse(0);
  }

  /** The lowest relative move of each underlying's price by the venue's fills (negative: pushed down). */
  public Map<String, Double> worstImpact() {
    return Map.copyOf(worstImpact);
  }

  public long orders() {
    return orders;
  }

  public long fills() {
    return fills;
  }

  public long partialFills() {
    return partialFills;
  }

  public long unfilled() {
    return unfilled;
  }

  public long adlFills() {
    return adlFills;
  }

  public BigDecimal filledNotional() {
    return filledNotional;
  }

  public BigDecimal adlNotional() {
    return adlNotional;
  }
}
