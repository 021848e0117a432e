package dev.solvent.risk.margin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Binance FAQ "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts" (2020-08-14), worked example: wallet
 * balance 1,535,443.01 USDT; long 109.488 BTCUSDT at 32,481.98 (MMR 2.5%, maintenance amount 16,300; mark
 * 31,967.27) and long 3,683.979 ETHUSDT at 1,456.84 (MMR 10%, maintenance amount 135,365; mark 1,335.18).
 * Published liquidation prices: isolated BTC 18,778.73, isolated ETH 1,114.78, cross BTC 26,316.89, cross ETH
 * 1,153.26 (the same figures are pinned in freqtrade's tests/exchange/test_binance.py).
 */
public class LinearMarginTest {

  public static final double WALLET = 1_535_443.01;
  /** Schedules whose bracket at the liquidation notional has the example's rate and amount. */
  static final MarginSchedule BTC = MarginSchedule.fromRates(new double[][] {{0, 125, 0.004}, {16_300 / 0.021, 20, 0.025}});
  static final MarginSchedule ETH = MarginSchedule.fromRates(new double[][] {{0, 100, 0.005}, {135_365 / 0.095, 5, 0.10}});

  public static MarginSchedule btcSchedule() {
    return BTC;
  }

  public static MarginSchedule ethSchedule() {
    return ETH;
  }

  private static final double CENT = 0.005;
  private final LinearMargin margin = LinearMargin.DEFAULT;

  @Test
  void bracketsReproduceTheExampleMaintenanceAmounts() {
    assertThat(BTC.tierFor(109.488 * 31_967.27).maintenanceAmount()).isCloseTo(16_300, within(1e-6));
    assertThat(ETH.tierFor(3_683.979 * 1_335.18).maintenanceAmount()).isCloseTo(135_365, within(1e-6));
  }

  @Test
  void isolatedLiquidationPricesMatchBinancesExample() {
    assertThat(margin.liquidationPrice(1, 109.488, 32_481.98, WALLET, 0, 0, BTC, MaintenanceBasis.MARK).getAsDouble())
        .isCloseTo(18_778.73, within(CENT));
    assertThat(margin.liquidationPrice(1, 3_683.979, 1_456.84, WALLET, 0, 0, ETH, MaintenanceBasis.MARK).getAsDouble())
        .isCloseTo(1_114.78, within(CENT));
  }

  @Test
  void crossLiquidationPricesMatchBinancesExample() {
    double btcMm = BTC.maintenanceMargin(109.488 * 31_967.27);
    double btcPnl = 109.488 * (31_967.27 - 32_481.98);
    double ethMm = ETH.maintenanceMargin(3_683.979 * 1_335.18);
    double ethPnl = 3_683.979 * (1_335.18 - 1_456.84);
    assertThat(btcMm).isCloseTo(71_200.81144, within(1e-4));
    assertThat(ethPnl).isCloseTo(-448_192.89, within(0.01));

    assertThat(margin.liquidationPrice(1, 3_683.979, 1_456.84, WALLET, btcMm, btcPnl, ETH, MaintenanceBasis.MARK).getAsDouble())
        .isCloseTo(1_153.26, within(CENT));
    assertThat(margin.liquidationPrice(1, 109.488, 32_481.98, WALLET, ethMm, ethPnl, BTC, MaintenanceBasis.MARK).getAsDouble())
        .isCloseTo(26_316.89, within(CENT));
  }

  /**
   * The pair, one position under both conventions: long 1 BTC at 20,000, 50×, MMR 0.5 %, isolated margin =
   * initial margin 400. Bybit, "Liquidation Price (USDT Contract)", example 1: IM = 400, MM = 20,000 × 0.5 % = 100,
   * LP = 20,000 − (400 − 100) = 19,700. Binance's formula with the margin at the liquidation price's notional:
   * (400 − 20,000)/(0.005 − 1) = 19,698.49.
   */
  @Test
  void bybitTakesTheMarginAtEntryAndBinanceAtTheLiquidationPrice() {
    MarginSchedule flat = MarginSchedule.flat(50, 0.005);
    assertThat(margin.liquidationPrice(1, 1, 20_000, 400, 0, 0, flat, MaintenanceBasis.ENTRY).getAsDouble())
        .isCloseTo(19_700, within(CENT));
    assertThat(margin.liquidationPrice(1, 1, 20_000, 400, 0, 0, flat, MaintenanceBasis.MARK).getAsDouble())
        .isCloseTo(19_698.49, within(CENT));
  }

  /**
   * Bybit's earlier USDT-contract page (help article 900000181046): long LP = entry × (1 − IMR + MMR), short
   * LP = entry × (1 + IMR − MMR). Long 1 BTC at 10,000, 50× (IMR 2 %), MMR 0.5 %: 9,850; short 1 BTC at 8,000, 40×
   * (IMR 2.5 %): 8,160.
   */
  @Test
  void bybitsEarlierUsdtExamples() {
    assertThat(margin.liquidationPrice(1, 1, 10_000, 10_000 * 0.02, 0, 0, MarginSchedule.flat(50, 0.005),
        MaintenanceBasis.ENTRY).getAsDouble()).isCloseTo(9_850, within(CENT));
    assertThat(margin.liquidationPrice(-1, 1, 8_000, 8_000 * 0.025, 0, 0, MarginSchedule.flat(40, 0.005),
        MaintenanceBasis.ENTRY).getAsDouble()).isCloseTo(8_160, within(CENT));
  }

  @Test
  void atTheLiquidationPriceTheMarginRatioIsOneAndAtBankruptcyEquityIsZero() {
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 4_000; i++) {
      MaintenanceBasis basis = MaintenanceBasis.values()[i % 2];
      int side = random.nextBoolean() ? 1 : -1;
      double size = 0.01 + random.nextDouble() * 200;
      double entry = 1_000 + random.nextDouble() * 100_000;
      double leverage = 1 + random.nextDouble() * 50;
      double wallet = size * entry / leverage;
      double otherMm = random.nextDouble() * wallet * 0.2;
      double otherPnl = (random.nextDouble() - 0.5) * wallet * 0.2;
      MarginSchedule schedule = random.nextBoolean() ? BTC : ETH;

      var liquidation = margin.liquidationPrice(side, size, entry, wallet, otherMm, otherPnl, schedule, basis);
      if (liquidation.isPresent()) {
        double p = liquidation.getAsDouble();
        double equity = wallet + otherPnl + side * size * (p - entry);
        double maintenance = otherMm + schedule.maintenanceMargin(size * (basis == MaintenanceBasis.MARK ? p : entry));
        assertThat(equity / maintenance).as("case %d", i).isCloseTo(1.0, within(1e-9));
      }
      var bankruptcy = margin.bankruptcyPrice(side, size, entry, wallet, otherPnl);
      if (bankruptcy.isPresent()) {
        double equity = wallet + otherPnl + side * size * (bankruptcy.getAsDouble() - entry);
        assertThat(equity).as("case %d", i).isCloseTo(0, within(1e-7 * wallet));
      }
      if (liquidation.isPresent() && bankruptcy.isPresent()) {
        // A long is liquidated before it is bankrupt (above BP); a short, below it.
        assertThat(side * (liquidation.getAsDouble() - bankruptcy.getAsDouble())).isGreaterThan(0);
      }
    }
  }

  @Test
  void overCollateralizedLongHasNoLiquidationPrice() {
    assertThat(margin.liquidationPrice(1, 1, 30_000, 40_000, 0, 0, BTC, MaintenanceBasis.MARK)).isEmpty();
    assertThat(margin.bankruptcyPrice(1, 1, 30_000, 40_000, 0)).isEmpty();
  }
}
