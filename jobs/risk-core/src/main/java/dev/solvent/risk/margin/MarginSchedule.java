package dev.solvent.risk.margin;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear contract's notional brackets, ascending and contiguous from 0 to infinity. Each bracket's maintenance
 * amount must be the one that keeps maintenance margin continuous at its floor, as Binance defines it:
 * cum(n) = floor(n) × (rate(n) − rate(n−1)) + cum(n−1) (Binance FAQ "Leverage and Margin of USDⓈ-M Futures").
 */
public record MarginSchedule(List<MarginTier> tiers) {

  private static final double CONTINUITY_TOLERANCE = 1e-6;

  public MarginSchedule {
    tiers = List.copyOf(tiers);
    if (tiers.isEmpty() || tiers.get(0).notionalFloor() != 0) {
      throw new IllegalArgumentException("a margin schedule starts with a bracket at notional 0");
    }
    if (tiers.get(tiers.size() - 1).notionalCap() != Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("the last bracket of a margin schedule has no cap");
    }
    for (int i = 1; i < tiers.size(); i++) {
      MarginTier previous = tiers.get(i - 1);
      MarginTier tier = tiers.get(i);
      if (tier.notionalFloor() != previous.notionalCap()) {
        throw new IllegalArgumentException("bracket " + (i + 1) + " starts at " + tier.notionalFloor()
            + " but bracket " + i + " ends at " + previous.notionalCap());
      }
      double expectedCum = nextMaintenanceAmount(previous.maintenanceAmount(), tier.notionalFloor(),
          tier.maintenanceRate(), previous.maintenanceRate());
      if (Math.abs(expectedCum - tier.maintenanceAmount()) > CONTINUITY_TOLERANCE * Math.max(1, expectedCum)) {
        throw new IllegalArgumentException("bracket " + (i + 1) + " maintenance amount " + tier.maintenanceAmount()
            + " breaks continuity; expected " + expectedCum);
      }
    }
  }

  /**
   * Builds a schedule from brackets given as {floor, maxLeverage, maintenanceRate}, deriving every maintenance
   * amount with Binance's formula.
   */
  public static MarginSchedule fromRates(double[][] brackets) {
    List<MarginTier> tiers = new ArrayList<>();
    double cum = 0;
    double previousRate = 0;
    for (int i = 0; i < brackets.length; i++) {
      double floor = brackets[i][0];
      double cap = i + 1 < brackets.length ? brackets[i + 1][0] : Double.POSITIVE_INFINITY;
      double rate = brackets[i][2];
      cum = i == 0 ? 0 : nextMaintenanceAmount(cum, floor, rate, previousRate);
      tiers.add(new MarginTier(floor, cap, (int) brackets[i][1], rate, cum));
      previousRate = rate;
    }
    return new MarginSchedule(tiers);
  }

  /** Binance's maintenance amount of a bracket: floor × (rate − previous rate) + previous amount. */
  public static double nextMaintenanceAmount(double previousAmount, double floor, double rate, double previousRate) {
    return floor * (rate - previousRate) + previousAmount;
  }

  /** A single bracket: one maintenance rate and one leverage for any size. */
  public static MarginSchedule flat(int maxLeverage, double maintenanceRate) {
    return new MarginSchedule(List.of(new MarginTier(0, Double.POSITIVE_INFINITY, maxLeverage, maintenanceRate, 0)));
  }

  public MarginTier tierFor(double notional) {
    double n = Math.abs(notional);
    for (MarginTier tier : tiers) {
      if (tier.contains(n)) {
        return tier;
      }
    }
    return tiers.get(tiers.size() - 1);
  }

  public double maintenanceMargin(double notional) {
    double n = Math.abs(notional);
    return tierFor(n).maintenanceMargin(n);
  }

  public double initialMargin(double notional) {
    double n = Math.abs(notional);
    return tierFor(n).initialMargin(n);
  }
}
