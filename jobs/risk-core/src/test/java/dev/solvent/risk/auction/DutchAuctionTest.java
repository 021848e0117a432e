package dev.solvent.risk.auction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A running auction priced by MakerDAO's Liquidations 2.0 abaci (MIP45, "abaci.sol"): LinearDecrease,
 * price = top × (tau − dur) / tau (0 after tau), and StairstepExponentialDecrease, price = top × cut^⌊dur / step⌋,
 * where MakerDAO's cut is the factor kept per step (ours is the fraction removed: Maker's cut = 1 − ours). Here the
 * linear curve is sampled on its step times too. Tops and cuts are powers of two so every price is exact in binary.
 */
class DutchAuctionTest {

  private static final long START = 1_000;
  private final DutchAuction auction = new DutchAuction("b/1", "b", START, 2_048, "ETH", "USDC", 9_000, 5, 0);

  @Test
  void exponentialCurveKeepsItsPriceUntilEachStepAndThenCutsIt() {
    var curve = new DutchAuctionCurve.Exponential(0.25, 5_000);
    // 2,048 × 0.75^n: 2,048, 1,536, 1,152, 864.
    assertThat(auction.price(curve, START)).isEqualTo(2_048);
    assertThat(auction.price(curve, START + 4_999)).isEqualTo(2_048);
    assertThat(auction.price(curve, START + 5_000)).isEqualTo(1_536);
    assertThat(auction.price(curve, START + 10_000)).isEqualTo(1_152);
    assertThat(auction.price(curve, START + 14_999)).isEqualTo(1_152);
    assertThat(auction.price(curve, START + 15_000)).isEqualTo(864);
  }

  @Test
  void linearCurveFallsToZeroOverItsDurationAndStaysThere() {
    var curve = new DutchAuctionCurve.Linear(64_000, 1_000);
    // 2,048 × (1 − dur / 64,000): at 16,000 ms three quarters, at 32,000 ms half, at 64,000 ms nothing.
    assertThat(auction.price(curve, START + 16_000)).isEqualTo(1_536);
    assertThat(auction.price(curve, START + 16_999)).as("sampled on step times").isEqualTo(1_536);
    assertThat(auction.price(curve, START + 32_000)).isEqualTo(1_024);
    assertThat(auction.price(curve, START + 64_000)).isZero();
    assertThat(auction.price(curve, START + 1_000_000)).isZero();
  }

  @Test
  void bidsAtOrAboveThePriceAreAcceptable() {
    var exponential = new DutchAuctionCurve.Exponential(0.25, 5_000);
    long at = START + 10_000; // price 1,152
    assertThat(auction.acceptable(exponential, at, 1_152)).isTrue();
    assertThat(auction.acceptable(exponential, at, 2_000)).isTrue();
    assertThat(auction.acceptable(exponential, at, Math.nextDown(1_152.0))).isFalse();
    var linear = new DutchAuctionCurve.Linear(64_000, 1_000);
    assertThat(auction.acceptable(linear, START + 32_000, 1_024)).isTrue();
    assertThat(auction.acceptable(linear, START + 32_000, 1_023.99)).isFalse();
  }

  @Test
  void resetRestartsTheSameAuctionAtAFreshTopAndCountsResets() {
    var curve = new DutchAuctionCurve.Exponential(0.25, 5_000);
    DutchAuction once = auction.reset(START + 20_000, 4_096, 4_500, 3);
    assertThat(once.auctionId()).isEqualTo("b/1");
    assertThat(once.accountId()).isEqualTo("b");
    assertThat(once.collateralAsset()).isEqualTo("ETH");
    assertThat(once.debtAsset()).isEqualTo("USDC");
    assertThat(once.startMillis()).isEqualTo(START + 20_000);
    assertThat(once.debtToCover()).isEqualTo(4_500);
    assertThat(once.collateralOffered()).isEqualTo(3);
    assertThat(once.resets()).isEqualTo(1);
    // The clock restarts: the new top holds for a step, then 4,096 × 0.75 = 3,072.
    assertThat(once.price(curve, START + 20_000)).isEqualTo(4_096);
    assertThat(once.price(curve, START + 25_000)).isEqualTo(3_072);
    assertThat(once.reset(START + 40_000, 1_024, 4_500, 3).resets()).isEqualTo(2);
  }

  @Test
  void aStartPriceMustBePositive() {
    assertThatThrownBy(() -> new DutchAuction("x", "b", 0, 0, "ETH", "USDC", 1, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DutchAuction("x", "b", 0, Double.NaN, "ETH", "USDC", 1, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
