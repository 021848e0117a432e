package dev.solvent.risk.book;

import dev.solvent.risk.account.MarginAssessment;
import dev.solvent.risk.account.MarginCalculator;
import dev.solvent.risk.instrument.Contract;
import dev.solvent.risk.ledger.Payoff;
import dev.solvent.risk.liquidation.LiquidationKind;
import dev.solvent.risk.liquidation.LiquidationPlan;
import dev.solvent.risk.liquidation.PlannedOrder;
import dev.solvent.risk.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The account book's records, money rounded in the venue's favour: equity down, margins up, limit prices away from
 * the bankruptcy price's bad side, quantities whole lots (never more than the position).
 */
final class BookOutputs {

  /** A takeover sells at any price: the lowest price on the wire. */
  private static final BigDecimal LOWEST_PRICE = new BigDecimal("0.00000001");
  /** ... and buys at up to ten times the mark. */
  private static final double TAKEOVER_BUY_LIMIT = 10;

  private final double warningLevel;
  private final long horizonMillis;

  BookOutputs(double warningLevel, long horizonMillis) {
    this.warningLevel = warningLevel;
    this.horizonMillis = horizonMillis;
  }

  AccountOutput.MarginUpdated marginUpdate(MarginAssessment a, BigDecimal equity, long time, long sequence,
      long oracleLagMillis, String currency) {
    return new AccountOutput.MarginUpdated(a.accountId(), time, sequence, a.mode(), Money.atScale(equity,
        RoundingMode.FLOOR), Money.requirement(a.initialMargin()), Money.requirement(a.maintenanceMargin()),
        Double.isFinite(a.marginRatio()) ? a.marginRatio() : null, a.status(), a.exposures(), oracleLagMillis,
        a.defaultRisk().probabilityOfDefault(), currency);
  }

  AccountOutput.MarginCalled marginCall(MarginAssessment a, BigDecimal equity, long time, String currency) {
    var risk = a.defaultRisk();
    return new AccountOutput.MarginCalled(a.accountId(), time, a.marginRatio(), warningLevel,
        Money.atScale(equity, RoundingMode.FLOOR), Money.requirement(a.maintenanceMargin()),
        finite(risk.liquidationDistanceSigma()), finite(risk.bankruptcyDistanceSigma()), risk.probabilityOfDefault(),
        horizonMillis, currency);
  }

  static AccountOutput.LiquidationOrdered order(String accountId, long number, int attempt, LiquidationKind kind,
      PlannedOrder order, LiquidationPlan plan, Valuation valuation, long time) {
    Contract contract = Contract.of(valuation.instruments.get(order.instrumentId()));
    BigDecimal quantity = quantity(order, contract.lotSize(), valuation.heldQuantity(order.instrumentId()));
    BigDecimal limit = kind == LiquidationKind.TAKEOVER
        ? (order.side() > 0 ? Money.requirement(order.markPrice() * TAKEOVER_BUY_LIMIT) : LOWEST_PRICE)
        : Money.fromDouble(Math.max(order.limitPrice(), 1e-8), order.side() > 0 ? RoundingMode.FLOOR
            : RoundingMode.CEILING);
    return new AccountOutput.LiquidationOrdered(accountId + "/" + number + "/" + attempt + "/" + order.instrumentId(),
        accountId, order.instrumentId(), time, order.side(), quantity, limit,
        Money.fromDouble(Math.max(order.bankruptcyPrice(), 0), RoundingMode.HALF_EVEN),
        Money.fromDouble(order.markPrice(), RoundingMode.HALF_EVEN),
        kind == LiquidationKind.TAKEOVER ? BigDecimal.ZERO.setScale(Money.SCALE)
            : penalty(order, quantity, contract),
        kind, Double.isFinite(plan.ratioBefore()) ? plan.ratioBefore() : 0, plan.targetRatio(), attempt,
        MarginCalculator.settlementCurrency(contract));
  }

  /**
   * The penalty at the mark in exact decimals (rate × |v(quantity, mark)|, the order's {@link Payoff#value}, rounded
   * up: quantity × size × mark in the quote, quantity × size / mark in the coin for an inverse contract), unless the
   * planner capped it at the equity left, in which case the cap rounds down, as in settlement.
   */
  private static BigDecimal penalty(PlannedOrder order, BigDecimal quantity, Contract contract) {
    BigDecimal mark = Money.fromDouble(order.markPrice(), RoundingMode.HALF_EVEN);
    BigDecimal exact = BigDecimal.valueOf(contract.penaltyRate())
        .multiply(Payoff.of(contract).value(quantity, mark, BigDecimal.valueOf(contract.contractSize())).abs());
    boolean capped = order.penalty() < exact.doubleValue() * (1 - 1e-9);
    return capped ? Money.entitlement(order.penalty()) : Money.atScale(exact, RoundingMode.CEILING);
  }

  /** Whole lots, and the exact position size when the order closes it. */
  private static BigDecimal quantity(PlannedOrder order, double lot, double held) {
    BigDecimal lotSize = BigDecimal.valueOf(lot);
    BigDecimal lots = BigDecimal.valueOf(Math.max(1, Math.round(order.quantity() / lot)));
    BigDecimal quantity = lotSize.multiply(lots);
    BigDecimal position = BigDecimal.valueOf(held);
    return (quantity.compareTo(position) >= 0 ? position : quantity).setScale(Money.SCALE, RoundingMode.DOWN);
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
