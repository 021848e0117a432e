package dev.solvent.risk.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.risk.ledger.Payoff;
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
    FillSettlement s = LiquidationSettlement.settle(1, d("2"), d("28000"), d("30000"), ONE, Payoff.LINEAR,
        d("27000"), d("0.01"));
    assertThat(s.realizedPnl()).isEqualByComparingTo("-4000");
    assertThat(s.penalty()).isEqualByComparingTo("560.00000000");
    assertThat(s.deficit()).isZero();
  }

  @Test
  void penaltyIsCappedAtTheEquityLeftAboveBankruptcy() {
    FillSettlement s = LiquidationSettlement.settle(1, d("2"), d("27100"), d("30000"), ONE, Payoff.LINEAR,
        d("27000"), d("0.01"));
    assertThat(s.penalty()).isEqualByComparingTo("200");
    assertThat(s.deficit()).isZero();
  }

  @Test
  void fillBelowBankruptcyIsADeficitTheFundPays() {
    FillSettlement s = LiquidationSettlement.settle(1, d("2"), d("26500"), d("30000"), ONE, Payoff.LINEAR,
        d("27000"), d("0.01"));
    assertThat(s.penalty()).isZero();
    assertThat(s.deficit()).isEqualByComparingTo("1000");
  }

  @Test
  void shortPositionsSettleMirrorImage() {
    // Short 3 ETH from 2,000, bankrupt at 2,300: bought back at 2,250 beats bankruptcy by 150.
    FillSettlement beat = LiquidationSettlement.settle(-1, d("3"), d("2250"), d("2000"), ONE, Payoff.LINEAR,
        d("2300"), d("0.02"));
    assertThat(beat.realizedPnl()).isEqualByComparingTo("-750");
    assertThat(beat.penalty()).isEqualByComparingTo("135");
    FillSettlement missed = LiquidationSettlement.settle(-1, d("3"), d("2310"), d("2000"), ONE, Payoff.LINEAR,
        d("2300"), d("0.02"));
    assertThat(missed.deficit()).isEqualByComparingTo("30");
  }

  @Test
  void roundingFavoursTheVenueAndKeepsTheCap() {
    // Charge 0.0075 × 0.333 × 10,000.12345678 = 24.97530833... rounds up to 24.97530834.
    FillSettlement charged = LiquidationSettlement.settle(1, d("0.333"), d("10000.12345678"), d("9000"), ONE, Payoff.LINEAR,
        
        d("9000"), d("0.0075"));
    assertThat(charged.penalty()).isEqualByComparingTo("24.97530834");
    // Beat = 0.333 × 0.00000003 = 0.00000000999: the cap rounds down to 0, so no penalty can exceed it.
    FillSettlement tiny = LiquidationSettlement.settle(1, d("0.333"), d("9000.00000003"), d("9000"), ONE, Payoff.LINEAR,
        d("9000"),
        d("0.01"));
    assertThat(tiny.penalty()).isZero();
    // A deficit of 0.00000000999 rounds up to a whole satoshi so no debt is left behind.
    FillSettlement deficit = LiquidationSettlement.settle(1, d("0.333"), d("8999.99999997"), d("9000"), ONE, Payoff.LINEAR,
        
        d("9000"), d("0.01"));
    assertThat(deficit.deficit()).isEqualByComparingTo("0.00000001");
    assertThat(charged.penalty().scale()).isEqualTo(8);
  }

  /**
   * An inverse long of 1,000 BTCUSD contracts (100 USD each) from 50,000, bankrupt at 45,000, 0.5 % penalty, in BTC:
   * v(p) = −100 / p per contract. Sold at 46,000 it realizes 100,000 × (1/50,000 − 1/46,000) = −0.17391304… BTC,
   * beats bankruptcy by 100,000 × (1/45,000 − 1/46,000) = 0.04830917… BTC and pays 0.005 × 1,000 × 100 / 46,000 =
   * 0.01086956… BTC, rounded up to 0.01086957; sold at 44,000 it misses by 100,000 × (1/44,000 − 1/45,000) =
   * 0.05050505… BTC, a deficit rounded up to 0.05050506.
   */
  @Test
  void anInverseFillSettlesInTheCoinAgainstOneOverThePrice() {
    FillSettlement beat = LiquidationSettlement.settle(1, d("1000"), d("46000"), d("50000"), d("100"), Payoff.INVERSE,
        d("45000"), d("0.005"));
    assertThat(beat.realizedPnl().setScale(12, java.math.RoundingMode.HALF_EVEN))
        .isEqualByComparingTo("-0.173913043478");
    assertThat(beat.penalty()).isEqualByComparingTo("0.01086957");
    assertThat(beat.deficit()).isZero();
    FillSettlement missed = LiquidationSettlement.settle(1, d("1000"), d("44000"), d("50000"), d("100"),
        Payoff.INVERSE, d("45000"), d("0.005"));
    assertThat(missed.penalty()).isZero();
    assertThat(missed.deficit()).isEqualByComparingTo("0.05050506");
    // A short's penalty is capped at its beat: short 10 contracts from 50,000, bankrupt at 52,000, bought at 51,990:
    // beat = 1,000 × (1/51,990 − 1/52,000) = 0.00000369… BTC, floored to 0.00000369; the 0.5 % charge (0.0000961…)
    // is more.
    FillSettlement capped = LiquidationSettlement.settle(-1, d("10"), d("51990"), d("50000"), d("100"), Payoff.INVERSE,
        d("52000"), d("0.005"));
    assertThat(capped.penalty()).isEqualByComparingTo("0.00000369");
    assertThat(capped.deficit()).isZero();
  }
}
