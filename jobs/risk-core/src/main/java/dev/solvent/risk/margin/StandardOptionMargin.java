package dev.solvent.risk.margin;

import dev.solvent.risk.instrument.Checks;
import dev.solvent.risk.pricing.OptionType;

/**
 * Standard (non-portfolio) margin of a short option, per unit of underlying, in Deribit's form:
 *
 * <pre>
 *   IM = max(baseRate − OTM/S, floorRate) × S + mark      OTM = max(K − S, 0) for calls, max(S − K, 0) for puts
 *   MM = maintenanceRate × S + mark
 * </pre>
 *
 * (Deribit Knowledge Base, "Inverse Options Margin": 0.15, 0.10 and 0.075.) A short put never needs more than its
 * strike, the most it can lose, so both are capped at K. Long options need no margin: their premium is paid.
 *
 * <p>For a coin-settled option the same rates apply in the coin, as Deribit states them for its inverse options,
 * with the mark m in coin (USD premium / index):
 *
 * <pre>
 *   call: IM = max(baseRate − OTM/S, floorRate) + m               MM = maintenanceRate + m
 *   put:  IM = max(max(baseRate − OTM/S, floorRate) + m, MM)      MM = max(maintenanceRate, maintenanceRate × m) + m
 * </pre>
 */
public record StandardOptionMargin(double baseRate, double floorRate, double maintenanceRate) {

  public static final StandardOptionMargin DERIBIT = new StandardOptionMargin(0.15, 0.10, 0.075);

  public StandardOptionMargin {
    Checks.fraction("baseRate", baseRate);
    Checks.fraction("floorRate", floorRate);
    Checks.fraction("maintenanceRate", maintenanceRate);
    if (floorRate > baseRate) {
      throw new IllegalArgumentException("floorRate must not exceed baseRate");
    }
  }

  public double initialPerUnit(OptionType type, double spot, double strike, double optionMark) {
    double outOfTheMoney = type == OptionType.CALL ? Math.max(strike - spot, 0) : Math.max(spot - strike, 0);
    double margin = Math.max(baseRate - outOfTheMoney / spot, floorRate) * spot + optionMark;
    return type == OptionType.PUT ? Math.min(margin, strike) : margin;
  }

  public double maintenancePerUnit(OptionType type, double spot, double strike, double optionMark) {
    double margin = maintenanceRate * spot + optionMark;
    return type == OptionType.PUT ? Math.min(margin, strike) : margin;
  }

  /** Initial margin of a short coin-settled option, in coin per unit of underlying; {@code markCoin} its premium. */
  public double initialPerUnitCoin(OptionType type, double spot, double strike, double markCoin) {
    double outOfTheMoney = type == OptionType.CALL ? Math.max(strike - spot, 0) : Math.max(spot - strike, 0);
    double margin = Math.max(baseRate - outOfTheMoney / spot, floorRate) + markCoin;
    return type == OptionType.PUT ? Math.max(margin, maintenancePerUnitCoin(type, markCoin)) : margin;
  }

  /** Maintenance margin of a short coin-settled option, in coin per unit of underlying. */
  public double maintenancePerUnitCoin(OptionType type, double markCoin) {
    return type == OptionType.PUT ? Math.max(maintenanceRate, maintenanceRate * markCoin) + markCoin
        : maintenanceRate + markCoin;
  }
}
