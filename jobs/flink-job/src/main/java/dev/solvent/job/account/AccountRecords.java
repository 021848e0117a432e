package dev.solvent.job.account;

import dev.solvent.avro.calls.MarginCall;
import dev.solvent.avro.liquidation.LiquidationKind;
import dev.solvent.avro.liquidation.LiquidationOrder;
import dev.solvent.avro.liquidation.Side;
import dev.solvent.avro.margin.MarginMode;
import dev.solvent.avro.margin.MarginStatus;
import dev.solvent.avro.margin.MarginUpdate;
import dev.solvent.avro.margin.UnderlyingExposure;
import dev.solvent.job.model.Settlement;
import dev.solvent.risk.book.AccountOutput;
import java.math.BigDecimal;
import java.time.Instant;

/** The account book's outputs as the output topics' records (field for field; the book already rounded). */
public final class AccountRecords {

  private AccountRecords() {}

  public static MarginUpdate marginUpdate(AccountOutput.MarginUpdated u) {
    return MarginUpdate.newBuilder()
        .setAccountId(u.accountId())
        .setEventTime(Instant.ofEpochMilli(u.time()))
        .setSequence(u.sequence())
        .setMarginMode(MarginMode.valueOf(u.mode().name()))
        .setEquity(u.equity())
        .setInitialMargin(u.initialMargin())
        .setMaintenanceMargin(u.maintenanceMargin())
        .setMarginRatio(u.marginRatio())
        .setStatus(MarginStatus.valueOf(u.status().name()))
        .setExposures(u.exposures().stream().map(e -> new UnderlyingExposure(e.underlying(), e.delta(), e.gamma(),
            e.vega())).toList())
        .setOracleLagMillis(u.oracleLagMillis())
        .setProbabilityOfDefault(u.probabilityOfDefault())
        .build();
  }

  public static MarginCall marginCall(AccountOutput.MarginCalled c) {
    return MarginCall.newBuilder()
        .setAccountId(c.accountId())
        .setEventTime(Instant.ofEpochMilli(c.time()))
        .setMarginRatio(c.marginRatio())
        .setWarningLevel(c.warningLevel())
        .setEquity(c.equity())
        .setMaintenanceMargin(c.maintenanceMargin())
        .setLiquidationDistanceSigma(c.liquidationDistanceSigma())
        .setBankruptcyDistanceSigma(c.bankruptcyDistanceSigma())
        .setProbabilityOfDefault(c.probabilityOfDefault())
        .setHorizonMillis(c.horizonMillis())
        .build();
  }

  public static LiquidationOrder order(AccountOutput.LiquidationOrdered o) {
    return LiquidationOrder.newBuilder()
        .setOrderId(o.orderId())
        .setAccountId(o.accountId())
        .setInstrumentId(o.instrumentId())
        .setEventTime(Instant.ofEpochMilli(o.time()))
        .setSide(o.side() > 0 ? Side.BUY : Side.SELL)
        .setQuantity(o.quantity())
        .setLimitPrice(o.limitPrice())
        .setBankruptcyPrice(o.bankruptcyPrice())
        .setMarkPrice(o.markPrice())
        .setPenalty(o.penalty())
        .setKind(LiquidationKind.valueOf(o.kind().name()))
        .setMarginRatio(o.marginRatio())
        .setTargetMarginRatio(o.targetMarginRatio())
        .setAttempt(o.attempt())
        .build();
  }

  public static Settlement settlement(AccountOutput.FillSettled s) {
    return new Settlement(s.fundId(), s.time(), s.accountId(), s.sequence(), s.instrumentId(), s.orderId(),
        s.penalty(), s.deficit(), BigDecimal.ZERO, s.positionSide(), s.bankruptcyPrice(), s.markPrice(),
        s.contractSize(), s.lotSize());
  }
}
