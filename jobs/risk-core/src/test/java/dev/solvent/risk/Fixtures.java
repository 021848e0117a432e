package dev.solvent.risk;

import dev.solvent.risk.account.MarketState;
import dev.solvent.risk.account.RiskParameters;
import dev.solvent.risk.account.UnderlyingConditions;
import dev.solvent.risk.instrument.CollateralAsset;
import dev.solvent.risk.instrument.Instrument;
import dev.solvent.risk.instrument.LinearContract;
import dev.solvent.risk.instrument.LoanAsset;
import dev.solvent.risk.instrument.OptionContract;
import dev.solvent.risk.margin.DynamicMargin;
import dev.solvent.risk.margin.MarginSchedule;
import dev.solvent.risk.portfolio.RiskArray;
import dev.solvent.risk.portfolio.RiskArrayCalculator;
import dev.solvent.risk.portfolio.ScenarioGrid;
import dev.solvent.risk.pricing.OptionType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Instruments and markets shared by the core's tests. */
public final class Fixtures {

  public static final long NOW = 1_760_054_400_000L; // 2025-10-10T00:00Z
  public static final long DAY = 24 * 3600 * 1000L;

  public static final MarginSchedule BTC_SCHEDULE = MarginSchedule.fromRates(new double[][] {
      {0, 125, 0.004}, {50_000, 100, 0.005}, {250_000, 50, 0.01}, {1_000_000, 20, 0.025}, {10_000_000, 10, 0.05}});
  public static final MarginSchedule ETH_SCHEDULE = MarginSchedule.fromRates(new double[][] {
      {0, 100, 0.005}, {100_000, 75, 0.0065}, {1_000_000, 25, 0.02}, {5_000_000, 10, 0.05}});

  public static final LinearContract BTC_PERP =
      new LinearContract("BTC-PERP", "BTC", 0, 1, 0.001, BTC_SCHEDULE, 0.01, "fund-usd");
  public static final LinearContract ETH_PERP =
      new LinearContract("ETH-PERP", "ETH", 0, 1, 0.01, ETH_SCHEDULE, 0.01, "fund-usd");
  public static final OptionContract BTC_CALL_120K = new OptionContract("BTC-30D-120000-C", "BTC", OptionType.CALL,
      120_000, NOW + 30 * DAY, 1, 0.1, 0.005, "fund-usd");
  public static final OptionContract BTC_PUT_100K = new OptionContract("BTC-30D-100000-P", "BTC", OptionType.PUT,
      100_000, NOW + 30 * DAY, 1, 0.1, 0.005, "fund-usd");
  public static final OptionContract BTC_CALL_110K = new OptionContract("BTC-30D-110000-C", "BTC", OptionType.CALL,
      110_000, NOW + 30 * DAY, 1, 0.1, 0.005, "fund-usd");
  public static final CollateralAsset ETH_COLLATERAL = new CollateralAsset("ETH", "ETH", 0.1, 0.825, 0.05, 0.1);
  public static final CollateralAsset BTC_COLLATERAL = new CollateralAsset("BTC", "BTC", 0.1, 0.78, 0.05, 0.1);
  public static final LoanAsset USDC = new LoanAsset("USDC", "USDC");

  public static final Map<String, Instrument> INSTRUMENTS = Map.of(BTC_PERP.id(), BTC_PERP, ETH_PERP.id(), ETH_PERP,
      BTC_CALL_120K.id(), BTC_CALL_120K, BTC_PUT_100K.id(), BTC_PUT_100K, BTC_CALL_110K.id(), BTC_CALL_110K,
      ETH_COLLATERAL.id(), ETH_COLLATERAL, BTC_COLLATERAL.id(), BTC_COLLATERAL, USDC.id(), USDC);

  /** Dynamic add-ons off: tests of the static models see the schedules' numbers. */
  public static final RiskParameters STATIC = RiskParameters.DEFAULT.withDynamic(DynamicMargin.OFF);

  private Fixtures() {}

  /** A market with these spot prices (underlying → price) and one implied volatility for every option. */
  public static MarketState market(Map<String, Double> spots, double vol) {
    return market(spots, vol, Map.of());
  }

  public static MarketState market(Map<String, Double> spots, double vol, Map<String, UnderlyingConditions> conditions) {
    RiskArrayCalculator calculator = new RiskArrayCalculator(ScenarioGrid.DEFAULT);
    Map<String, RiskArray> arrays = new LinkedHashMap<>();
    for (Instrument instrument : INSTRUMENTS.values()) {
      Double spot = instrument.underlying().equals("USDC") ? Double.valueOf(1.0) : spots.get(instrument.underlying());
      if (spot != null) {
        arrays.put(instrument.id(), calculator.compute(instrument, spot, vol, 0, NOW));
      }
    }
    return new MarketState(NOW, arrays, new HashMap<>(conditions));
  }

  public static MarketState market(double btc, double eth) {
    return market(Map.of("BTC", btc, "ETH", eth), 0.6);
  }
}
