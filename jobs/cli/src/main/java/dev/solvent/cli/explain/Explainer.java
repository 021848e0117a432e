package dev.solvent.cli.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.solvent.risk.account.MarginAssessment;
import dev.solvent.risk.account.MarginCalculator;
import dev.solvent.risk.account.MarginMode;
import dev.solvent.risk.account.PositionRisk;
import dev.solvent.risk.account.UnderlyingExposure;
import dev.solvent.risk.instrument.CollateralAsset;
import dev.solvent.risk.instrument.InverseContract;
import dev.solvent.risk.instrument.LinearContract;
import dev.solvent.risk.instrument.OptionContract;
import dev.solvent.risk.instrument.Instrument;
import dev.solvent.risk.lending.LendingLiquidation;
import dev.solvent.risk.liquidation.LiquidationPlan;
import dev.solvent.risk.liquidation.LiquidationPolicy;
import dev.solvent.risk.liquidation.MarginDecision;
import dev.solvent.risk.liquidation.PlannedOrder;
import dev.solvent.risk.money.Money;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Map;

/**
 * Answers "why was I (or will I be) liquidated?" for one account snapshot: every number the engine's decision rests
 * on, money rounded as the engine rounds it (equity and values down, requirements and charges up).
 */
public final class Explainer {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private Explainer() {}

  public static ObjectNode explain(JsonNode input) {
    return explain(ExplainInput.parse(input));
  }

  static ObjectNode explain(ExplainInput in) {
    MarginCalculator calculator = new MarginCalculator(in.parameters());
    MarginDecision decision = new LiquidationPolicy(calculator).decide(in.account(), in.instruments(), in.market());
    MarginAssessment a = decision.assessment();

    ObjectNode out = JSON.objectNode();
    out.put("account", a.accountId());
    out.put("mode", a.mode().name());
    out.put("currency", in.account().currency());
    out.put("time", Instant.ofEpochMilli(in.market().nowMillis()).toString());
    out.put("equity", Money.entitlement(a.equity()).toPlainString());
    out.put("initialMargin", Money.requirement(a.initialMargin()).toPlainString());
    out.put("maintenanceMargin", Money.requirement(a.maintenanceMargin()).toPlainString());
    number(out, a.mode() == MarginMode.LENDING ? "healthFactor" : "marginRatio", a.marginRatio());
    out.put("status", a.status().name());
    out.put("decision", decision instanceof MarginDecision.Liquidate
        ? (a.mode() == MarginMode.LENDING ? "AUCTION" : "LIQUIDATE")
        : decision instanceof MarginDecision.MarginCall ? "MARGIN_CALL" : "HEALTHY");
    out.put("liquidatable", a.liquidatable());
    ArrayNode positions = out.putArray("positions");
    a.positions().forEach(p -> positions.add(position(p, in.instruments().get(p.instrumentId()))));
    ArrayNode exposures = out.putArray("exposures");
    a.exposures().forEach(e -> exposures.add(exposure(e, in.parameters())));
    ObjectNode risk = out.putObject("defaultRisk");
    number(risk, "horizonMinutes", a.defaultRisk().horizonYears() * 365 * 24 * 60);
    number(risk, "equityVolatility", a.defaultRisk().equityVolatility());
    number(risk, "liquidationDistanceSigma", a.defaultRisk().liquidationDistanceSigma());
    number(risk, "bankruptcyDistanceSigma", a.defaultRisk().bankruptcyDistanceSigma());
    number(risk, "probabilityOfDefault", a.defaultRisk().probabilityOfDefault());
    if (decision instanceof MarginDecision.Liquidate liquidate && a.mode() != MarginMode.LENDING) {
      out.set("liquidationPlan", plan(liquidate.plan()));
    } else {
      out.putNull("liquidationPlan");
    }
    if (a.mode() == MarginMode.LENDING && a.liquidatable()) {
      out.set("lendingLiquidation", lending(in, a));
    }
    return out;
  }

  private static ObjectNode position(PositionRisk p, Instrument instrument) {
    ObjectNode node = JSON.objectNode();
    node.put("instrument", p.instrumentId());
    if (instrument instanceof LinearContract linear) {
      node.put("contract", "LINEAR");
      node.put("maintenanceBasis", linear.maintenanceBasis().name());
    } else if (instrument instanceof InverseContract inverse) {
      node.put("contract", "INVERSE");
      node.put("settlementCurrency", inverse.settlementCurrency());
      number(node, "contractSizeQuote", inverse.contractSize());
      node.put("maintenanceBasis", inverse.maintenanceBasis().name());
    } else if (instrument instanceof OptionContract option) {
      node.put("contract", "OPTION");
      node.put("settlementCurrency", MarginCalculator.settlementCurrency(option));
    }
    number(node, "quantity", p.quantity());
    number(node, "markPrice", p.markPrice());
    node.put("value", Money.entitlement(p.value()).toPlainString());
    number(node, "notional", p.notional());
    greeks(node, p.delta(), p.gamma(), p.vega(), p.theta(), p.rho());
    requirement(node, "initialMargin", p.initialMargin());
    requirement(node, "maintenanceMargin", p.maintenanceMargin());
    number(node, "liquidationPrice", p.liquidationPrice());
    number(node, "bankruptcyPrice", p.bankruptcyPrice());
    return node;
  }

  private static ObjectNode exposure(UnderlyingExposure e, dev.solvent.risk.account.RiskParameters parameters) {
    ObjectNode node = JSON.objectNode();
    node.put("underlying", e.underlying());
    number(node, "spot", e.spot());
    greeks(node, e.delta(), e.gamma(), e.vega(), e.theta(), e.rho());
    number(node, "deltaValue", e.deltaValue());
    if (e.worstScenario() != UnderlyingExposure.NO_SCENARIO) {
      node.put("worstScenario", parameters.grid().describe(e.worstScenario()));
      number(node, "worstScenarioPnl", e.worstScenarioPnl());
    }
    return node;
  }

  /** Greeks under names that carry their unit, in a desk's conventions: per vol point, per day, per rate point. */
  private static void greeks(ObjectNode node, double delta, double gamma, double vega, double theta, double rho) {
    number(node, "deltaPerUnitPrice", delta);
    number(node, "gammaPerUnitPrice", gamma);
    number(node, "vegaPerVolPoint", vega / 100);
    number(node, "thetaPerDay", theta / 365);
    number(node, "rhoPerRatePoint", rho / 100);
  }

  private static ObjectNode plan(LiquidationPlan plan) {
    ObjectNode node = JSON.objectNode();
    node.put("kind", plan.kind().name());
    number(node, "ratioBefore", plan.ratioBefore());
    number(node, "ratioAfter", plan.ratioAfter());
    number(node, "targetRatio", plan.targetRatio());
    node.put("totalPenalty", Money.requirement(plan.totalPenalty()).toPlainString());
    ArrayNode orders = node.putArray("orders");
    for (PlannedOrder order : plan.orders()) {
      ObjectNode o = orders.addObject();
      o.put("instrument", order.instrumentId());
      o.put("side", order.side() > 0 ? "BUY" : "SELL");
      number(o, "quantity", order.quantity());
      // The limit rounds away from the bankruptcy price's bad side: up for a sell, down for a buy.
      o.put("limitPrice", Money.fromDouble(order.limitPrice(), order.side() > 0 ? RoundingMode.FLOOR
          : RoundingMode.CEILING).toPlainString());
      number(o, "bankruptcyPrice", order.bankruptcyPrice());
      number(o, "markPrice", order.markPrice());
      o.put("penalty", Money.requirement(order.penalty()).toPlainString());
    }
    return node;
  }

  /** The first liquidation a liquidator could make: largest debt against the largest collateral. */
  private static ObjectNode lending(ExplainInput in, MarginAssessment a) {
    var account = in.account();
    String debtId = largestByValue(account.debt(), in);
    Map.Entry<String, Double> debt = Map.entry(debtId, account.debt().get(debtId));
    String collateralId = largestByValue(account.collateral(), in);
    double debtPrice = in.market().riskArray(debt.getKey()).markValue();
    double collateralPrice = in.market().riskArray(collateralId).markValue();
    double totalCollateral = account.collateral().entrySet().stream()
        .mapToDouble(c -> c.getValue() * in.market().riskArray(c.getKey()).markValue()).sum();
    LendingLiquidation rules = new LendingLiquidation(in.parameters().lending());
    LendingLiquidation.Plan plan = rules.plan(a.marginRatio(), debt.getValue(), debt.getValue(), debtPrice,
        account.collateral().get(collateralId), collateralPrice, totalCollateral,
        (CollateralAsset) in.instruments().get(collateralId));
    ObjectNode node = JSON.objectNode();
    node.put("debtAsset", debt.getKey());
    node.put("collateralAsset", collateralId);
    node.put("maxDebtRepayable", Money.requirement(plan.debtRepaid()).toPlainString());
    node.put("collateralSeized", Money.entitlement(plan.collateralSeized()).toPlainString());
    node.put("protocolFee", Money.entitlement(plan.protocolFee()).toPlainString());
    node.put("liquidatorBonusValue", Money.entitlement(plan.bonusValue()).toPlainString());
    node.put("fullClose", plan.fullClose());
    return node;
  }

  private static String largestByValue(Map<String, Double> units, ExplainInput in) {
    return units.entrySet().stream()
        .max(java.util.Comparator.comparingDouble(
            (Map.Entry<String, Double> e) -> e.getValue() * in.market().riskArray(e.getKey()).markValue()))
        .orElseThrow().getKey();
  }

  private static void number(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
    }
  }

  private static void requirement(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, Money.requirement(value).toPlainString());
    } else {
      node.putNull(field);
    }
  }
}
