package dev.solvent.risk.account;

import dev.solvent.risk.portfolio.RiskArray;
import java.util.Map;

/**
 * What an account is valued against: one risk array per instrument (computed once for all accounts) and the
 * dynamic-margin conditions per underlying.
 */
public record MarketState(long nowMillis, Map<String, RiskArray> riskArrays,
    Map<String, UnderlyingConditions> conditions) {

  public MarketState {
    riskArrays = Map.copyOf(riskArrays);
    conditions = Map.copyOf(conditions);
  }

  public RiskArray riskArray(String instrumentId) {
    RiskArray array = riskArrays.get(instrumentId);
    if (array == null) {
      throw new IllegalArgumentException("no market price for instrument " + instrumentId);
    }
    return array;
  }

  public UnderlyingConditions conditions(String underlying) {
    return conditions.getOrDefault(underlying, UnderlyingConditions.UNKNOWN);
  }
}
