package dev.solvent.job.account;

import dev.solvent.risk.instrument.LinearContract;
import dev.solvent.risk.instrument.OptionContract;
import dev.solvent.risk.liquidation.PlannedOrder;

/** Liquidation-plan details the account stage needs from the instruments. */
final class Plans {

  private Plans() {}

  static double penaltyRate(Valuation valuation, PlannedOrder order) {
    var instrument = valuation.instruments.get(order.instrumentId());
    if (instrument instanceof LinearContract linear) {
      return linear.penaltyRate();
    }
    return ((OptionContract) instrument).penaltyRate();
  }
}
