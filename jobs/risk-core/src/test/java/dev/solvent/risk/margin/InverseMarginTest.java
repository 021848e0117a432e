package dev.solvent.risk.margin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Inverse (coin-margined) liquidation and bankruptcy prices against the venues' published numbers and by property. */
class InverseMarginTest {

  private final InverseMargin margin = InverseMargin.DEFAULT;

  /**
   * Binance COIN-M, "How to Calculate Liquidation Price of COIN-M Futures Contracts", the calculator's answer
   * quoted on dev.binance.vision (thread 6292): wallet 101 BTC, long 100,000 BTCUSD contracts (100 USD each) at
   * 45,000, one-way isolated; the bracket at that size has MMR 12.5 % and maintenance amount 11.605 BTC. Binance's
   * calculator: 33,599.4 (its tick is 0.1). A schedule whose bracket at the liquidation notional has that rate and
   * amount: cum = floor × (12.5 % − 0.4 %).
   */
  @Test
  void binanceCoinMarginedIsolatedLongMatchesTheVenuesCalculator() {
    MarginSchedule btcusd = MarginSchedule.fromRates(new double[][] {{0, 125, 0.004}, {11.605 / 0.121, 4, 0.125}});
    double lp = margin.liquidationPrice(1, 100_000, 100, 45_000, 101, 0, 0, btcusd, MaintenanceBasis.MARK)
        .getAsDouble();
    assertThat(Math.floor(lp * 10) / 10).isEqualTo(33_599.4);
    assertThat(btcusd.tierFor(100_000 * 100 / lp).maintenanceRate()).isEqualTo(0.125);
  }

  /** Binance COIN-M's maintenance margin example: 100 contracts at mark 25,000 are 0.4 BTC; at 0.4 %, 0.0016 BTC. */
  @Test
  void binanceCoinMarginedMaintenanceMarginExample() {
    MarginSchedule btcusd = MarginSchedule.fromRates(new double[][] {{0, 125, 0.004}, {5, 100, 0.005}});
    double notional = 100 * 100 / 25_000.0;
    assertThat(notional).isEqualTo(0.4);
    assertThat(btcusd.maintenanceMargin(notional)).isCloseTo(0.0016, within(1e-15));
  }

  /**
   * Bybit, "Liquidation Price Calculation under Isolated Mode (Unified Trading Account)", inverse: long
   * LP = Qty / (PV + (IM − MM)), short LP = Qty / (PV − (IM − MM)), PV = Qty / entry, IM = PV / leverage,
   * MM = PV × MMR: margin at entry. Its example's inputs, 60,000 USD at 50,000, 10×, MMR 0.5 %: PV = 1.2 BTC,
   * IM = 0.12 BTC, MM = 0.006 BTC; the formula gives 60,000 / 1.314 = 45,662.10 long and 60,000 / 1.086 =
   * 55,248.62 short.
   */
  @Test
  void bybitInverseIsolatedTakesTheMarginAtEntry() {
    MarginSchedule flat = MarginSchedule.flat(100, 0.005);
    assertThat(margin.liquidationPrice(1, 60_000, 1, 50_000, 0.12, 0, 0, flat, MaintenanceBasis.ENTRY).getAsDouble())
        .isCloseTo(45_662.10, within(0.005));
    assertThat(margin.liquidationPrice(-1, 60_000, 1, 50_000, 0.12, 0, 0, flat, MaintenanceBasis.ENTRY)
        .getAsDouble()).isCloseTo(55_248.62, within(0.005));
  }

  @Test
  void atTheLiquidationPriceTheCoinRatioIsOneAndAtBankruptcyCoinEquityIsZero() {
    Random random = new Random(7);
    MarginSchedule tiered = MarginSchedule.fromRates(new double[][] {{0, 125, 0.004}, {5, 100, 0.005},
        {50, 50, 0.01}, {200, 20, 0.025}});
    int liquidations = 0;
    for (int i = 0; i < 4_000; i++) {
      MaintenanceBasis basis = MaintenanceBasis.values()[i % 2];
      int side = random.nextBoolean() ? 1 : -1;
      double contracts = 1 + random.nextInt(2_000_000);
      double size = random.nextBoolean() ? 100 : 1;
      double entry = 1_000 + random.nextDouble() * 100_000;
      double leverage = 1 + random.nextDouble() * 50;
      double wallet = contracts * size / entry / leverage;
      double otherMm = random.nextDouble() * wallet * 0.2;
      double otherPnl = (random.nextDouble() - 0.5) * wallet * 0.2;
      double quote = contracts * size;

      var liquidation = margin.liquidationPrice(side, contracts, size, entry, wallet, otherMm, otherPnl, tiered,
          basis);
      if (liquidation.isPresent()) {
        liquidations++;
        double p = liquidation.getAsDouble();
        double equity = wallet + otherPnl + side * quote * (1 / entry - 1 / p);
        double maintenance = otherMm + tiered.maintenanceMargin(quote / (basis == MaintenanceBasis.MARK ? p : entry));
        assertThat(equity / maintenance).as("case %d", i).isCloseTo(1.0, within(1e-9));
      }
      var bankruptcy = margin.bankruptcyPrice(side, contracts, size, entry, wallet, otherPnl);
      if (bankruptcy.isPresent()) {
        double equity = wallet + otherPnl + side * quote * (1 / entry - 1 / bankruptcy.getAsDouble());
        assertThat(equity).as("case %d", i).isCloseTo(0, within(1e-9 * wallet));
      }
      if (liquidation.isPresent() && bankruptcy.isPresent()) {
        assertThat(side * (liquidation.getAsDouble() - bankruptcy.getAsDouble())).isGreaterThan(0);
      }
    }
    assertThat(liquidations).isGreaterThan(3_000);
  }

  @Test
  void aShortBackedByItsWholeNotionalAtEntryCannotBeLiquidated() {
    // 1× short: the most it can lose, as the price goes to infinity, is its notional at entry, 1 BTC here.
    MarginSchedule flat = MarginSchedule.flat(100, 0.005);
    assertThat(margin.liquidationPrice(-1, 1_000, 100, 100_000, 1.0, 0, 0, flat, MaintenanceBasis.MARK)).isEmpty();
    assertThat(margin.bankruptcyPrice(-1, 1_000, 100, 100_000, 1.0, 0)).isEmpty();
    assertThat(margin.liquidationPrice(-1, 1_000, 100, 100_000, 0.5, 0, 0, flat, MaintenanceBasis.MARK)).isPresent();
  }
}
