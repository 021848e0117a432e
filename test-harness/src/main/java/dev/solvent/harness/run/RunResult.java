package dev.solvent.harness.run;

import dev.solvent.harness.liquidators.LiquidatorPool;
import dev.solvent.harness.liquidators.LiquidatorStats;
import dev.solvent.harness.report.Figure;
import dev.solvent.harness.report.RunStats;
import dev.solvent.harness.venue.VenueStats;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** What a run did, and whether its books held. */
public record RunResult(RunSpec spec, RunStats stats, VenueStats venue, List<LiquidatorStats> liquidators,
    List<LiquidatorPool.Settled> auctions, List<String> violations, long checkedAccounts, double seconds) {

  public boolean holds() {
    return violations.isEmpty();
  }

  /** The summary's figures: the job's, then the venue's and the liquidators'. */
  public List<Figure> figures() {
    List<Figure> f = new ArrayList<>(stats.figures());
    f.add(Figure.count("venue fills", venue.fills()));
    f.add(Figure.count("  of which partial (book too thin)", venue.partialFills()));
    f.add(Figure.count("venue orders left unfilled (limit)", venue.unfilled()));
    f.add(Figure.count("deepest liquidation cascade, levels", venue.deepestCascade()));
    f.add(Figure.count("liquidation crosses netted internally", venue.crosses()));
    f.add(Figure.money("notional netted internally, USD", venue.crossedNotional()));
    f.add(Figure.count("portfolios taken over by backstop providers", venue.takeovers()));
    f.add(Figure.money("notional taken over by backstop providers, USD", venue.takenOverNotional()));
    f.add(Figure.count("risk auction awards booked too late (liquidated instead)", venue.takeoversMissed()));
    f.add(Figure.money("liquidated notional sent to the market, USD", venue.filledNotional()));
    venue.worstImpact().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> f.add(
        Figure.percent("venue price impact of liquidations, worst, " + e.getKey(), e.getValue())));
    double profit = 0;
    double gas = 0;
    long wins = 0;
    for (LiquidatorStats l : liquidators) {
      profit += l.profit();
      gas += l.gasPaid();
      wins += l.wins();
    }
    f.add(Figure.count("liquidators' auctions won", wins));
    f.add(Figure.money("liquidators' profit net of gas, USD", money(profit)));
    f.add(Figure.money("liquidators' gas paid, USD", money(gas)));
    double[] discounts = auctions.stream().mapToDouble(LiquidatorPool.Settled::discount).sorted().toArray();
    f.add(Figure.money("auction discount, median %", money(discounts.length == 0 ? 0
        : discounts[discounts.length / 2] * 100)));
    f.add(Figure.money("auction discount, max %", money(discounts.length == 0 ? 0
        : discounts[discounts.length - 1] * 100)));
    f.add(Figure.count("flat accounts whose equity was re-derived", checkedAccounts));
    f.add(Figure.count("invariant violations", violations.size()));
    return f;
  }

  /** Liquidator results are simulated in doubles (a statistical model, not a ledger); shown to the cent. */
  private static BigDecimal money(double amount) {
    return BigDecimal.valueOf(amount).setScale(2, java.math.RoundingMode.HALF_EVEN);
  }
}
