package dev.solvent.harness.run;

import dev.solvent.harness.backstop.BackstopProvider;
import dev.solvent.harness.liquidators.GasMarket;
import dev.solvent.harness.liquidators.Liquidator;
import dev.solvent.harness.venue.VenueSettings;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The default venue and liquidators on the other side of the job, for the demo and for replays. */
public final class OtherSide {

  private OtherSide() {}

  /**
   * A venue whose books hold 0.75 to 1.5 million dollars within 1 % of the mid (thin enough that a crash's liquidations
   * move the price, as on 12 March 2020), refilling with a 30-second half-life, filling 200 ms after an order.
   *
   * @param impactOnSources true for a generated market; false for recorded history, which already holds the real
   *     cascade in its prices
   */
  public static VenueSettings venue(boolean impactOnSources) {
    return new VenueSettings(Map.of("BTC", 1_500_000.0, "ETH", 750_000.0), 500_000.0, 30_000, 200, 5_000, 0.02,
        impactOnSources, "solvent-venue");
  }

  /**
   * {@code count} liquidators drawn from {@code seed}: capital from 50 thousand to 2 million USD, minimum profits
   * from 5 to 100 USD, reaction latencies from 100 ms to 6 s (bots on co-located nodes to people at keyboards).
   */
  public static List<Liquidator> liquidators(long seed, int count) {
    Random random = new Random(seed);
    List<Liquidator> all = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      double capital = Math.round(50_000 * Math.pow(40, random.nextDouble()));
      double minProfit = Math.round(5 + 95 * random.nextDouble());
      long latency = Math.round(100 * Math.pow(60, random.nextDouble()));
      all.add(new Liquidator("liquidator-" + i, capital, minProfit, latency));
    }
    return all;
  }

  /**
   * The risk auction's registered backstop providers (liquidation.risk-auction.providers by default): 2, 5 and 10
   * million USD of capital, taking over at most twice that in notional, risking at most 5 % of it on one portfolio,
   * charging 5 %, 4 % and 3 % of its worst scenario and 0.2 % of its notional, bidding 0.5, 1 and 2 seconds after an
   * offer.
   */
  public static List<BackstopProvider> backstops() {
    return List.of(
        new BackstopProvider("backstop-1", new BigDecimal("2000000"), 2, 0.05, 0.05, 0.002, 500),
        new BackstopProvider("backstop-2", new BigDecimal("5000000"), 2, 0.05, 0.04, 0.002, 1_000),
        new BackstopProvider("backstop-3", new BigDecimal("10000000"), 2, 0.05, 0.03, 0.002, 2_000));
  }

  /** Gas of 2 USD per transaction, rising 0.5 % for each liquidation event in the trailing minute. */
  public static GasMarket gas() {
    return new GasMarket(2, 0.005, 60_000);
  }
}
