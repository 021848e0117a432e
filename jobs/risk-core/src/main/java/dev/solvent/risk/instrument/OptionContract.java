package dev.solvent.risk.instrument;

import dev.solvent.risk.pricing.OptionType;
import java.util.Objects;

/**
 * A European option on an underlying, priced with Black-76, cash-settled in the quote currency, or in the coin
 * (Deribit's inverse options: premium and payoff in the underlying, the USD price divided by the index).
 *
 * @param coinSettled premium, payoff and margin in the underlying coin
 */
public record OptionContract(String id, String underlying, OptionType type, double strike, long expiryMillis,
    double contractSize, double lotSize, double penaltyRate, String fundId, boolean coinSettled) implements Contract {

  public OptionContract {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(underlying, "underlying");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(fundId, "fundId");
    Checks.positive("strike", strike);
    Checks.positive("contractSize", contractSize);
    Checks.positive("lotSize", lotSize);
    Checks.fraction("penaltyRate", penaltyRate);
    if (expiryMillis <= 0) {
      throw new IllegalArgumentException("an option needs an expiry: " + expiryMillis);
    }
  }

  /** An option settled in the quote currency. */
  public OptionContract(String id, String underlying, OptionType type, double strike, long expiryMillis,
      double contractSize, double lotSize, double penaltyRate, String fundId) {
    this(id, underlying, type, strike, expiryMillis, contractSize, lotSize, penaltyRate, fundId, false);
  }

  /** Time to expiry in years (365-day year), never negative. */
  public double yearsToExpiry(long nowMillis) {
    return Math.max(0, expiryMillis - nowMillis) / (365.0 * 24 * 3600 * 1000);
  }
}
