package dev.solvent.risk.instrument;

import dev.solvent.risk.margin.MarginSchedule;
import java.util.Objects;

/**
 * A linear (USD-margined) perpetual or dated future: P&L per contract = contractSize × (price − entry).
 *
 * @param expiryMillis expiry in epoch milliseconds, or 0 for a perpetual
 * @param contractSize units of underlying per contract
 * @param lotSize smallest quantity step, in contracts
 * @param penaltyRate liquidation penalty as a fraction of liquidated notional
 */
public record LinearContract(String id, String underlying, long expiryMillis, double contractSize, double lotSize,
    MarginSchedule schedule, double penaltyRate, String fundId) implements Contract {

  public LinearContract {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(underlying, "underlying");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(fundId, "fundId");
    Checks.positive("contractSize", contractSize);
    Checks.positive("lotSize", lotSize);
    Checks.fraction("penaltyRate", penaltyRate);
    if (expiryMillis < 0) {
      throw new IllegalArgumentException("expiryMillis must be 0 (perpetual) or a time: " + expiryMillis);
    }
  }

  public boolean perpetual() {
    return expiryMillis == 0;
  }
}
