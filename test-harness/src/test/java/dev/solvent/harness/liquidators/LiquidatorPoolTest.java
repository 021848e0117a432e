package dev.solvent.harness.liquidators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.solvent.avro.auction.AuctionEvent;
import dev.solvent.avro.auction.AuctionEventKind;
import dev.solvent.harness.loop.LoopRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiquidatorPoolTest {

  private static AuctionEvent event(AuctionEventKind kind, long at, String winner) {
    boolean settled = kind == AuctionEventKind.SETTLED;
    return AuctionEvent.newBuilder().setAuctionId("loan/1").setAccountId("loan").setEventTime(Instant.ofEpochMilli(at))
        .setStep(3).setKind(kind).setCollateralAsset("BTC").setDebtAsset("USDC")
        .setAuctionPrice(new BigDecimal("95000.00000000")).setOraclePrice(new BigDecimal("100000.00000000"))
        .setDebtToCover(new BigDecimal("10000.00000000")).setCollateralOffered(new BigDecimal("1.00000000"))
        .setHealthFactor(0.98).setLiquidator(settled ? winner : null)
        .setDebtRepaid(settled ? new BigDecimal("10000.00000000") : null)
        .setCollateralSeized(settled ? new BigDecimal("0.10526315") : null)
        .setProtocolFee(settled ? BigDecimal.ZERO.setScale(8) : null).build();
  }

  private static LoopRecord out(AuctionEvent e) {
    return new LoopRecord("auction.events", e.getEventTime().toEpochMilli(), e);
  }

  @Test
  void theWinnerPaysItsGasAndALosingBidRevertsForATenth() {
    LiquidatorPool pool = new LiquidatorPool(List.of(new Liquidator("fast", 1e6, 1, 100),
        new Liquidator("slow", 1e6, 1, 2_000)), new GasMarket(2, 0, 60_000));

    List<LoopRecord> bids = pool.step(10_000, List.of(), List.of(out(event(AuctionEventKind.PRICE_STEP, 10_000, null))));
    assertThat(bids).hasSize(2);
    pool.step(20_000, List.of(), List.of(out(event(AuctionEventKind.SETTLED, 10_100, "fast"))));

    LiquidatorStats fast = pool.stats().get(0);
    LiquidatorStats slow = pool.stats().get(1);
    assertThat(fast.bids()).isEqualTo(1);
    assertThat(fast.wins()).isEqualTo(1);
    assertThat(fast.gasPaid()).isCloseTo(2, within(1e-12));
    // 0.10526315 BTC at 100,000 for 10,000 repaid: 526.315 gained, less its gas.
    assertThat(fast.profit()).isCloseTo(526.315 - 2, within(1e-6));
    assertThat(slow.bids()).isEqualTo(1);
    assertThat(slow.wins()).isZero();
    assertThat(slow.gasPaid()).isCloseTo(2 * LiquidatorPool.REVERTED_GAS_SHARE, within(1e-12));
    assertThat(slow.profit()).isCloseTo(-2 * LiquidatorPool.REVERTED_GAS_SHARE, within(1e-12));
  }

  @Test
  void bidsStillInFlightAtTheEndAreCountedAsReverted() {
    LiquidatorPool pool = new LiquidatorPool(List.of(new Liquidator("only", 1e6, 1, 100)), new GasMarket(2, 0, 60_000));
    pool.step(10_000, List.of(), List.of(out(event(AuctionEventKind.PRICE_STEP, 10_000, null))));
    assertThat(pool.stats().get(0).gasPaid()).isCloseTo(0.2, within(1e-12));
    assertThat(pool.stats().get(0).gasPaid()).as("reading the stats charges nothing twice").isCloseTo(0.2, within(1e-12));
  }
}
