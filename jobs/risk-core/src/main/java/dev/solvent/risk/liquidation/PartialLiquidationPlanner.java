package dev.solvent.risk.liquidation;

import dev.solvent.risk.account.Account;
import dev.solvent.risk.account.MarginAssessment;
import dev.solvent.risk.account.MarginCalculator;
import dev.solvent.risk.account.MarginMode;
import dev.solvent.risk.account.MarketState;
import dev.solvent.risk.account.Position;
import dev.solvent.risk.instrument.Contract;
import dev.solvent.risk.instrument.Instrument;
import dev.solvent.risk.instrument.InverseContract;
import dev.solvent.risk.portfolio.RiskArray;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans the smallest liquidation that restores an account's margin ratio to the target.
 *
 * <ol>
 *   <li>Rank positions by the maintenance margin their full close removes per unit of notional (risk cut per
 *       notional); positions whose close would not lower margin (hedges) are never touched.</li>
 *   <li>Walk the ranking: close a position fully while the target is still out of reach; for the position that
 *       reaches it, binary-search the fewest lots that do. Orders are assumed to fill at the mark, paying the
 *       penalty, so the ratio after is (equity − penalties) / maintenance margin after.</li>
 *   <li>If closing every ranked position is not enough, or equity is already gone, liquidate fully.</li>
 * </ol>
 *
 * Every order's limit is the position's bankruptcy price (mark − equity / (qty × contract size)), and penalties
 * are capped so that together they never exceed the equity: a penalty alone never creates a deficit. An isolated
 * account is planned position by position, each against its own margin. A coin-settled order of a USD account
 * (README "Cross-currency") has its penalty and prices in the coin, the account's equity taken at the index; its
 * penalty counts in USD at the index (no haircut: the ratio after is never overstated).
 */
public final class PartialLiquidationPlanner {

  private final MarginCalculator calculator;

  public PartialLiquidationPlanner(MarginCalculator calculator) {
    this.calculator = calculator;
  }

  /** A plan for a liquidatable account, or empty for a solvent one (and for lending accounts: they are auctioned). */
  public Optional<LiquidationPlan> plan(Account account, Map<String, Instrument> instruments, MarketState market) {
    if (account.mode() == MarginMode.LENDING) {
      return Optional.empty();
    }
    if (account.mode() == MarginMode.ISOLATED) {
      return planIsolated(account, instruments, market);
    }
    MarginAssessment before = calculator.assess(account, instruments, market);
    if (!before.liquidatable()) {
      return Optional.empty();
    }
    return Optional.of(planShared(account, instruments, market, before));
  }

  /** Closing every position of the account, whatever its ratio (for full-liquidation policies and takeovers). */
  public LiquidationPlan planFull(Account account, Map<String, Instrument> instruments, MarketState market) {
    MarginAssessment before = calculator.assess(account, instruments, market);
    List<Position> open = new ArrayList<>(account.positions());
    open.removeIf(p -> p.quantity() == 0);
    return fullLiquidation(account, instruments, market, before, open, Math.max(before.equity(), 0));
  }

  private Optional<LiquidationPlan> planIsolated(Account account, Map<String, Instrument> instruments,
      MarketState market) {
    MarginAssessment before = calculator.assess(account, instruments, market);
    List<PlannedOrder> orders = new ArrayList<>();
    double ratioAfter = Double.POSITIVE_INFINITY;
    int closed = 0;
    for (Position position : account.positions()) {
      Account unit = MarginCalculator.isolatedUnit(account, position);
      MarginAssessment unitBefore = calculator.assess(unit, instruments, market);
      if (!unitBefore.liquidatable()) {
        ratioAfter = Math.min(ratioAfter, unitBefore.marginRatio());
        continue;
      }
      LiquidationPlan unitPlan = planShared(unit, instruments, market, unitBefore);
      orders.addAll(unitPlan.orders());
      ratioAfter = Math.min(ratioAfter, unitPlan.ratioAfter());
      closed += unitPlan.kind() == LiquidationKind.FULL ? 1 : 0;
    }
    if (orders.isEmpty()) {
      return Optional.empty();
    }
    LiquidationKind kind = closed == account.positions().size() ? LiquidationKind.FULL : LiquidationKind.PARTIAL;
    double penalties = orders.stream().mapToDouble(PlannedOrder::penalty).sum();
    return Optional.of(new LiquidationPlan(kind, before.marginRatio(), ratioAfter, target(), before.equity()
        - penalties, Double.NaN, orders));
  }

  private LiquidationPlan planShared(Account account, Map<String, Instrument> instruments, MarketState market,
      MarginAssessment before) {
    double equity = before.equity();
    List<Position> open = new ArrayList<>(account.positions());
    open.removeIf(p -> p.quantity() == 0);
    if (equity <= 0) {
      return fullLiquidation(account, instruments, market, before, open, 0);
    }
    List<Position> ranked = rankByRiskCut(account, instruments, market, before, open);
    List<PlannedOrder> orders = new ArrayList<>();
    List<Position> remaining = new ArrayList<>(open);
    double penalties = 0;
    for (Position candidate : ranked) {
      Instrument instrument = instruments.get(candidate.instrumentId());
      double lot = Contract.of(instrument).lotSize();
      long lots = (long) Math.ceil(Math.abs(candidate.quantity()) / lot - 1e-9);
      Step full = reduce(account, instruments, market, remaining, candidate, lots, lot, equity, penalties);
      if (full.ratio() < target()) {
        orders.add(full.order());
        penalties += charged(full.order(), account, instruments, market);
        remaining = full.remaining();
        continue;
      }
      long lo = 0;
      long hi = lots;
      Step best = full;
      while (hi - lo > 1) {
        long mid = (lo + hi) >>> 1;
        Step step = reduce(account, instruments, market, remaining, candidate, mid, lot, equity, penalties);
        if (step.ratio() >= target()) {
          hi = mid;
          best = step;
        } else {
          lo = mid;
        }
      }
      orders.add(best.order());
      penalties += charged(best.order(), account, instruments, market);
      boolean everythingClosed = best.remaining().isEmpty();
      return new LiquidationPlan(everythingClosed ? LiquidationKind.FULL : LiquidationKind.PARTIAL,
          before.marginRatio(), best.ratio(), target(), equity - penalties, best.maintenance(), orders);
    }
    return fullLiquidation(account, instruments, market, before, open, equity);
  }

  private LiquidationPlan fullLiquidation(Account account, Map<String, Instrument> instruments, MarketState market,
      MarginAssessment before, List<Position> open, double equity) {
    List<PlannedOrder> orders = new ArrayList<>();
    double penaltyBudget = Math.max(equity, 0);
    for (Position position : open) {
      PlannedOrder order = order(account, position, Math.abs(position.quantity()),
          instruments.get(position.instrumentId()), market, before.equity(), penaltyBudget);
      penaltyBudget -= charged(order, account, instruments, market);
      orders.add(order);
    }
    double penalties = orders.stream().mapToDouble(o -> charged(o, account, instruments, market)).sum();
    double equityAfter = before.equity() - penalties;
    return new LiquidationPlan(LiquidationKind.FULL, before.marginRatio(),
        equityAfter >= 0 ? Double.POSITIVE_INFINITY : 0, target(), equityAfter, 0, orders);
  }

  private record Step(PlannedOrder order, List<Position> remaining, double ratio, double maintenance) {}

  /** Reduces {@code candidate} by {@code lots} lots in {@code remaining}, and revalues. */
  private Step reduce(Account account, Map<String, Instrument> instruments, MarketState market,
      List<Position> remaining, Position candidate, long lots, double lot, double equity, double penaltiesSoFar) {
    double quantity = Math.min(lots * lot, Math.abs(candidate.quantity()));
    PlannedOrder order = order(account, candidate, quantity, instruments.get(candidate.instrumentId()), market,
        equity, equity - penaltiesSoFar);
    List<Position> after = new ArrayList<>();
    for (Position p : remaining) {
      if (!p.instrumentId().equals(candidate.instrumentId())) {
        after.add(p);
      } else if (quantity < Math.abs(p.quantity())) {
        after.add(p.withQuantity(p.quantity() - p.side() * quantity));
      }
    }
    MarginAssessment valued = calculator.assess(account.withPositions(after), instruments, market);
    // Fills at the mark move value from positions into the wallet one for one; only penalties change equity.
    double equityAfter = equity - penaltiesSoFar - charged(order, account, instruments, market);
    double maintenance = valued.maintenanceMargin();
    double ratio = maintenance > 0 ? equityAfter / maintenance : Double.POSITIVE_INFINITY;
    return new Step(order, after, ratio, maintenance);
  }

  private List<Position> rankByRiskCut(Account account, Map<String, Instrument> instruments, MarketState market,
      MarginAssessment before, List<Position> open) {
    record Ranked(Position position, double cutPerNotional) {}
    List<Ranked> ranked = new ArrayList<>();
    for (Position position : open) {
      List<Position> without = new ArrayList<>(open);
      without.remove(position);
      double cut = before.maintenanceMargin()
          - calculator.assess(account.withPositions(without), instruments, market).maintenanceMargin();
      double notional = Math.abs(position.quantity()) * market.riskArray(position.instrumentId()).markValue();
      if (cut > 0 && notional > 0) {
        ranked.add(new Ranked(position, cut / notional));
      }
    }
    ranked.sort(Comparator.comparingDouble((Ranked r) -> -r.cutPerNotional())
        .thenComparing(r -> r.position().instrumentId()));
    return ranked.stream().map(Ranked::position).toList();
  }

  /** An order's penalty in the account's currency. */
  private static double charged(PlannedOrder order, Account account, Map<String, Instrument> instruments,
      MarketState market) {
    return order.penalty() * fx(account, instruments.get(order.instrumentId()), market);
  }

  /** The index a coin-settled instrument of a USD account converts at; 1 for one in the account's currency. */
  private static double fx(Account account, Instrument instrument, MarketState market) {
    return MarginCalculator.settlementCurrency(instrument).equals(account.currency()) ? 1
        : market.riskArray(instrument.id()).spot();
  }

  /** The order in the position's settlement currency, from the account's equity and penalty budget. */
  private PlannedOrder order(Account account, Position position, double quantity, Instrument instrument,
      MarketState market, double accountEquity, double accountBudget) {
    double fx = fx(account, instrument, market);
    double equity = accountEquity / fx;
    double penaltyBudget = accountBudget / fx;
    RiskArray array = market.riskArray(position.instrumentId());
    Contract contract = Contract.of(instrument);
    double size = contract.contractSize();
    double mark = MarginCalculator.markPrice(contract, array);
    if (contract instanceof InverseContract) {
      // In the coin: the notional is one contract's mark value each; an inverse short that equity outlasts at any
      // price has no bankruptcy price, and its buy no limit (NaN).
      double bankruptcy = MarginCalculator.bankruptcyPrice(contract, position.quantity(), mark, equity);
      double penalty = Math.min(contract.penaltyRate() * quantity * array.markValue(), Math.max(penaltyBudget, 0));
      return new PlannedOrder(position.instrumentId(), -position.side(), quantity, bankruptcy, bankruptcy, mark,
          penalty);
    }
    double bankruptcy = mark - equity / (position.quantity() * size);
    double penalty = Math.min(contract.penaltyRate() * quantity * size * mark, Math.max(penaltyBudget, 0));
    return new PlannedOrder(position.instrumentId(), -position.side(), quantity, Math.max(bankruptcy, 0), bankruptcy,
        mark, penalty);
  }

  private double target() {
    return calculator.parameters().targetRatio();
  }

}
