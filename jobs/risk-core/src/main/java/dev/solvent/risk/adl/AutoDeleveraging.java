package dev.solvent.risk.adl;

import dev.solvent.risk.ledger.Payoff;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks opposing profitable positions by PnL% × effective leverage and allocates a bankrupt position's remaining
 * quantity among them, highest rank first, in whole lots, at the bankrupt position's bankruptcy price. The bankrupt
 * side closes against them at that price, so the insurance fund pays nothing further: the shortfall is covered
 * exactly, and by the traders who profited most per unit of risk.
 */
public final class AutoDeleveraging {

  private AutoDeleveraging() {}

  /** Profitable positions opposite to {@code bankruptSide}, best rank first; ties by account id. */
  public static List<AdlCandidate> ranking(List<AdlCandidate> positions, int bankruptSide) {
    return positions.stream()
        .filter(p -> p.side() == -bankruptSide && p.quantity() != 0 && p.pnlFraction() > 0)
        .sorted(Comparator.comparingDouble(AdlCandidate::rankingScore).reversed()
            .thenComparing(AdlCandidate::accountId))
        .toList();
  }

  /**
   * @param bankruptSide side of the position that could not be closed (+1 long)
   * @param quantity contracts still to close
   * @param price the bankrupt position's bankruptcy price
   * @param lotSize quantities are whole lots
   */
  public static List<AdlAllocation> allocate(List<AdlCandidate> positions, int bankruptSide, double quantity,
      double price, double lotSize) {
    List<AdlAllocation> allocations = new ArrayList<>();
    long lotsLeft = Math.round(quantity / lotSize);
    int rank = 0;
    for (AdlCandidate candidate : ranking(positions, bankruptSide)) {
      if (lotsLeft == 0) {
        break;
      }
      rank++;
      long lots = Math.min(lotsLeft, (long) Math.floor(Math.abs(candidate.quantity()) / lotSize + 1e-9));
      if (lots > 0) {
        allocations.add(new AdlAllocation(candidate, rank, lots * lotSize, price, candidate.rankingScore()));
        lotsLeft -= lots;
      }
    }
    return allocations;
  }

  /**
   * Contracts of the bankrupt position that a shortfall corresponds to: the fund would have had to take them over at
   * the bankruptcy price and unwind them at the mark, losing |v(mark) − v(bankruptcy)| per contract in the fund's
   * currency (size × |mark − bankruptcy| for a linear contract, size × |1/bankruptcy − 1/mark| coin for an inverse).
   */
  public static double quantityForShortfall(double shortfall, double markPrice, double bankruptcyPrice,
      double contractSize, Payoff payoff) {
    double lossPerContract = Math.abs(payoff.value(markPrice, contractSize)
        - payoff.value(bankruptcyPrice, contractSize));
    return lossPerContract > 0 ? shortfall / lossPerContract : 0;
  }
}
