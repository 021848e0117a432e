package dev.solvent.risk.account;

import dev.solvent.risk.probability.DefaultRisk;
import java.util.List;

/**
 * An account valued at one market state. In lending mode equity is the threshold-weighted collateral value,
 * maintenance the debt value and the margin ratio the health factor.
 *
 * @param marginRatio equity / maintenance margin; +∞ when nothing is required
 */
public record MarginAssessment(String accountId, MarginMode mode, double equity, double initialMargin,
    double maintenanceMargin, double marginRatio, MarginStatus status, List<PositionRisk> positions,
    List<UnderlyingExposure> exposures, DefaultRisk defaultRisk) {

  public MarginAssessment {
    positions = List.copyOf(positions);
    exposures = List.copyOf(exposures);
  }

  public boolean liquidatable() {
    return status == MarginStatus.LIQUIDATABLE || status == MarginStatus.BANKRUPT;
  }

  static double ratio(double equity, double maintenance) {
    if (maintenance > 0) {
      return Math.max(equity, 0) / maintenance;
    }
    return equity >= 0 ? Double.POSITIVE_INFINITY : 0;
  }

  static MarginStatus status(double equity, double ratio, boolean hasRisk, double warningLevel) {
    if (hasRisk && equity <= 0) {
      return MarginStatus.BANKRUPT;
    }
    if (ratio < 1) {
      return MarginStatus.LIQUIDATABLE;
    }
    return ratio < warningLevel ? MarginStatus.MARGIN_CALL : MarginStatus.HEALTHY;
  }
}
