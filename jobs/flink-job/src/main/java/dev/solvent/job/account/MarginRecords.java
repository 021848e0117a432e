package dev.solvent.job.account;

import dev.solvent.avro.calls.MarginCall;
import dev.solvent.avro.liquidation.LiquidationKind;
import dev.solvent.avro.liquidation.LiquidationOrder;
import dev.solvent.avro.liquidation.Side;
import dev.solvent.avro.margin.MarginMode;
import dev.solvent.avro.margin.MarginStatus;
import dev.solvent.avro.margin.MarginUpdate;
import dev.solvent.avro.margin.UnderlyingExposure;
import dev.solvent.risk.account.MarginAssessment;
import dev.solvent.risk.account.RiskParameters;
import dev.solvent.risk.instrument.Contract;
import dev.solvent.risk.liquidation.LiquidationPlan;
import dev.solvent.risk.liquidation.PlannedOrder;
import dev.solvent.risk.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * The account stage's output records, money rounded in the venue's favour: equity down, margins up, limit prices
 * away from the bankruptcy price's bad side, quantities whole lots (never more than the position).
 */
final class MarginRecords {

  private final RiskParameters parameters;
  private final long horizonMillis;

  MarginRecords(RiskParameters parameters, long horizonMillis) {
    this.parameters = parameters;
    this.horizonMillis = horizonMillis;
  }

  MarginUpdate marginUpdate(MarginAssessment a, BigDecimal equity, long time, long sequence, long oracleLagMillis) {
    List<UnderlyingExposure> exposures = a.exposures().stream().map(e -> new UnderlyingExposure(e.underlying(),
        e.delta(), e.gamma(), e.vega())).toList();
    return MarginUpdate.newBuilder()
        .setAccountId(a.accountId())
        .setEventTime(Instant.ofEpochMilli(time))
        .setSequence(sequence)
        .setMarginMode(MarginMode.valueOf(a.mode().name()))
        .setEquity(Money.atScale(equity, RoundingMode.FLOOR))
        .setInitialMargin(Money.requirement(a.initialMargin()))
        .setMaintenanceMargin(Money.requirement(a.maintenanceMargin()))
        .setMarginRatio(Double.isFinite(a.marginRatio()) ? a.marginRatio() : null)
        .setStatus(MarginStatus.valueOf(a.status().name()))
        .setExposures(exposures)
        .setOracleLagMillis(oracleLagMillis)
        .setProbabilityOfDefault(a.defaultRisk().probabilityOfDefault())
        .build();
  }

  MarginCall marginCall(MarginAssessment a, BigDecimal equity, long time) {
    var risk = a.defaultRisk();
    return MarginCall.newBuilder()
        .setAccountId(a.accountId())
        .setEventTime(Instant.ofEpochMilli(time))
        .setMarginRatio(a.marginRatio())
        .setWarningLevel(parameters.warningLevel())
        .setEquity(Money.atScale(equity, RoundingMode.FLOOR))
        .setMaintenanceMargin(Money.requirement(a.maintenanceMargin()))
        .setLiquidationDistanceSigma(finite(risk.liquidationDistanceSigma()))
        .setBankruptcyDistanceSigma(finite(risk.bankruptcyDistanceSigma()))
        .setProbabilityOfDefault(risk.probabilityOfDefault())
        .setHorizonMillis(horizonMillis)
        .build();
  }

  LiquidationOrder order(String accountId, long number, int attempt, LiquidationKind kind, PlannedOrder order,
      LiquidationPlan plan, Valuation valuation, long time) {
    Contract contract = Contract.of(valuation.instruments.get(order.instrumentId()));
    BigDecimal quantity = quantity(order, contract.lotSize(), valuation);
    BigDecimal limit = kind == LiquidationKind.TAKEOVER
        ? (order.side() > 0 ? Money.requirement(order.markPrice() * 10) : new BigDecimal("0.00000001"))
        : Money.fromDouble(Math.max(order.limitPrice(), 1e-8), order.side() > 0 ? RoundingMode.FLOOR
            : RoundingMode.CEILING);
    return LiquidationOrder.newBuilder()
        .setOrderId(accountId + "/" + number + "/" + attempt + "/" + order.instrumentId())
        .setAccountId(accountId)
        .setInstrumentId(order.instrumentId())
        .setEventTime(Instant.ofEpochMilli(time))
        .setSide(order.side() > 0 ? Side.BUY : Side.SELL)
        .setQuantity(quantity)
        .setLimitPrice(limit)
        .setBankruptcyPrice(Money.fromDouble(Math.max(order.bankruptcyPrice(), 0), RoundingMode.HALF_EVEN))
        .setMarkPrice(Money.fromDouble(order.markPrice(), RoundingMode.HALF_EVEN))
        .setPenalty(kind == LiquidationKind.TAKEOVER ? BigDecimal.ZERO.setScale(8)
            : penalty(order, quantity, contract.penaltyRate()))
        .setKind(kind)
        .setMarginRatio(Double.isFinite(plan.ratioBefore()) ? plan.ratioBefore() : 0)
        .setTargetMarginRatio(plan.targetRatio())
        .setAttempt(attempt)
        .build();
  }

  /**
   * The penalty at the mark in exact decimals (rate × quantity × mark, rounded up), unless the planner capped it at
   * the equity left, in which case the cap rounds down, as in settlement.
   */
  private static BigDecimal penalty(PlannedOrder order, BigDecimal quantity, double rate) {
    BigDecimal mark = Money.fromDouble(order.markPrice(), RoundingMode.HALF_EVEN);
    BigDecimal exact = BigDecimal.valueOf(rate).multiply(quantity).multiply(mark);
    boolean capped = order.penalty() < exact.doubleValue() * (1 - 1e-9);
    return capped ? Money.entitlement(order.penalty()) : Money.atScale(exact, RoundingMode.CEILING);
  }

  /** Whole lots, and the exact position size when the order closes it. */
  private static BigDecimal quantity(PlannedOrder order, double lot, Valuation valuation) {
    double held = valuation.account.positions().stream().filter(p -> p.instrumentId().equals(order.instrumentId()))
        .mapToDouble(p -> Math.abs(p.quantity())).findFirst().orElse(0);
    BigDecimal lotSize = BigDecimal.valueOf(lot);
    BigDecimal lots = BigDecimal.valueOf(Math.max(1, Math.round(order.quantity() / lot)));
    BigDecimal quantity = lotSize.multiply(lots);
    BigDecimal position = BigDecimal.valueOf(held);
    return (quantity.compareTo(position) >= 0 ? position : quantity).setScale(8, RoundingMode.DOWN);
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
