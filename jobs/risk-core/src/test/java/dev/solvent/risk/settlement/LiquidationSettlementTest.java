package dev.solvent.risk.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class LiquidationSettlementTest {

  private static final BigDecimal ONE = BigDecimal.ONE;

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  /** Long 2 BTC from 30,000, bankrupt at 27,000, 1% penalty: sold at 28,000 it beats bankruptcy by 2,000. */
  @Test
  void fillAboveBankruptcyPaysThePenaltyIntoTheFund() {
    FillSettlement s = LiquidationSettlement.settle(1, d("2"), d("28000"), d("30000"), ONE, d("27000"), d("0.01"));
    assertThat(s.realizedPnl()).isEqualByComparingTo("-4000");
    assertThat(s.penalty()).isEqualByComparingTo("560.00000000");
    assertThat(s.deficit()).isZero();
  }

  @Test
  void penaltyIsCappedAtTheEquityLeftAboveBankruptcy() {
    FillSettlement s = LiquidationSettlement.settle(1, d("2"), d("27100"), d("30000"), ONE, d("27000"), d("0.01"));
    assertThat(s.penalty()).isEqualByComparingTo("200");
    assertThat(s.deficit()).isZero();
  }

  @Test
  void fillBelowBankruptcyIsADeficitTheFundPays() {
    FillSettlement s = LiquidationSettlement.settle(1, d("2"), d("26500"), d("30000"), ONE, d("27000"), d("0.01"));
    assertThat(s.penalty()).isZero();
    assertThat(s.deficit()).isEqualByComparingTo("1000");
  }

  @Test
  void shortPositionsSettleMirrorImage() {
    // Short 3 ETH from 2,000, bankrupt at 2,300: bought back at 2,250 beats bankruptcy by 150.
    FillSettlement beat = LiquidationSettlement.settle(-1, d("3"), d("2250"), d("2000"), ONE, d("2300"), d("0.02"));
    assertThat(beat.realizedPnl()).isEqualByComparingTo("-750");
    assertThat(beat.penalty()).isEqualByComparingTo("135");
    FillSettlement missed = LiquidationSettlement.settle(-1, d("3"), d("2310"), d("2000"), ONE, d("2300"), d("0.02"));
    assertThat(missed.deficit()).isEqualByComparingTo("30");
  }

  @Test
  void roundingFavoursTheVenueAndKeepsTheCap() {
    // Charge 0.0075 × 0.333 × 10,000.12345678 = 24.97530833... rounds up to 24.97530834.
    FillSettlement charged = LiquidationSettlement.settle(1, d("0.333"), d("10000.12345678"), d("9000"), ONE,
        d("9000"), d("0.0075"));
    assertThat(charged.penalty()).isEqualByComparingTo("24.97530834");
    // Beat = 0.333 × 0.00000003 = 0.00000000999: the cap rounds down to 0, so no penalty can exceed it.
    FillSettlement tiny = LiquidationSettlement.settle(1, d("0.333"), d("9000.00000003"), d("9000"), ONE, d("9000"),
        d("0.01"));
    assertThat(tiny.penalty()).isZero();
    // A deficit of 0.00000000999 rounds up to a whole satoshi so no debt is left behind.
    FillSettlement deficit = LiquidationSettlement.settle(1, d("0.333"), d("8999.99999997"), d("9000"), ONE,
        d("9000"), d("0.01"));
    assertThat(deficit.deficit()).isEqualByComparingTo("0.00000001");
    assertThat(charged.penalty().scale()).isEqualTo(8);
  }
}
