package dev.solvent.job.account;

import dev.solvent.job.config.SolventConfig;
import dev.solvent.risk.account.RiskParameters;
import dev.solvent.risk.margin.DynamicMargin;

/** The risk core's parameters from the job configuration (defaults elsewhere are the core's own). */
public final class RiskSettings {

  private RiskSettings() {}

  public static RiskParameters parameters(SolventConfig config) {
    RiskParameters d = RiskParameters.DEFAULT;
    DynamicMargin dynamic = new DynamicMargin(config.get(SolventConfig.DYNAMIC_MARGIN),
        config.get(SolventConfig.REFERENCE_VOL), d.dynamic().maxVolMultiplier(), d.dynamic().maxSlippage());
    return new RiskParameters(config.get(SolventConfig.WARNING_LEVEL), config.get(SolventConfig.TARGET_RATIO),
        d.optionMargin(), d.grid(), d.portfolio(), dynamic, d.lending(),
        config.get(SolventConfig.HORIZON) / (365.0 * 24 * 3600 * 1000), d.correlation());
  }
}
