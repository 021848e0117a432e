package dev.solvent.job.account;

import dev.solvent.avro.calls.MarginCall;
import dev.solvent.avro.liquidation.LiquidationKind;
import dev.solvent.avro.liquidation.LiquidationOrder;
import dev.solvent.avro.liquidation.Side;
import dev.solvent.avro.margin.MarginMode;
import dev.solvent.avro.margin.MarginStatus;
import dev.solvent.avro.margin.MarginUpdate;
import dev.solvent.avro.margin.UnderlyingExposure;
import dev.solvent.avro.offers.OfferedPosition;
import dev.solvent.avro.offers.PortfolioOffer;
import dev.solvent.job.model.Settlement;
import dev.solvent.risk.book.AccountOutput;
import dev.solvent.risk.money.Money;
import dev.solvent.schema.Topic;
import dev.solvent.schema.Topics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/** The account book's outputs as the output topics' records (field for field; the book already rounded). */
public final class AccountRecords {

  private AccountRecords() {}

  /** A book output as the record of the output topic that carries it. */
  public record TopicRecord(Topic<?> topic, SpecificRecord record) {}

  /** Margin updates, margin calls and liquidation orders as their topics' records; empty for every other output. */
  public static java.util.Optional<TopicRecord> topicRecord(AccountOutput output) {
    if (output instanceof AccountOutput.MarginUpdated u) {
      return java.util.Optional.of(new TopicRecord(Topics.MARGIN_UPDATES, marginUpdate(u)));
    }
    if (output instanceof AccountOutput.MarginCalled c) {
      return java.util.Optional.of(new TopicRecord(Topics.MARGIN_CALLS, marginCall(c)));
    }
    if (output instanceof AccountOutput.LiquidationOrdered o) {
      return java.util.Optional.of(new TopicRecord(Topics.LIQUIDATION_ORDERS, order(o)));
    }
    return java.util.Optional.empty();
  }

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
        .setCurrency(u.currency())
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
        .setCurrency(c.currency())
        .build();
  }

  /** The offer as written to risk.offers: amounts at the wire's scale (already rounded by the book). */
  public static PortfolioOffer offer(AccountOutput.PortfolioOffered o) {
    return PortfolioOffer.newBuilder()
        .setOfferId(o.offerId())
        .setAccountId(o.accountId())
        .setEventTime(Instant.ofEpochMilli(o.time()))
        .setClosesAt(Instant.ofEpochMilli(o.closesAt()))
        .setCurrency(o.currency())
        .setEquity(Money.atScale(o.equity(), RoundingMode.FLOOR))
        .setInitialMargin(o.initialMargin())
        .setMaintenanceMargin(o.maintenanceMargin())
        .setWorstScenarioLoss(o.worstScenarioLoss())
        .setPositions(o.positions().stream().map(p -> OfferedPosition.newBuilder()
            .setOrderId(p.orderId())
            .setInstrumentId(p.instrumentId())
            .setQuantity(p.quantity().setScale(Money.SCALE))
            .setMarkPrice(p.markPrice())
            .setContractSize(p.contractSize().setScale(Money.SCALE))
            .setBankruptcyPrice(p.bankruptcyPrice())
            .build()).toList())
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
        .setCurrency(o.currency())
        .build();
  }

  public static Settlement settlement(AccountOutput.FillSettled s) {
    return new Settlement(s.fundId(), s.time(), s.accountId(), s.sequence(), s.instrumentId(), s.orderId(),
        s.penalty(), s.deficit(), BigDecimal.ZERO, s.positionSide(), s.bankruptcyPrice(), s.markPrice(),
        s.contractSize(), s.lotSize(), s.currency(), s.payoff());
  }
}
