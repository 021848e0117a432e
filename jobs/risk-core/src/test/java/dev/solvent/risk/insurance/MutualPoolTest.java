package dev.solvent.risk.insurance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The pool's ledger and its order of payment: the fund first, then the pool within the fund's cap, then ADL. */
class MutualPoolTest {

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  @Test
  void aPremiumIsAShareOfThePenaltyAndTheFundKeepsTheRestExactly() {
    // The penalty of AccountBookTest's worked liquidation, 85.2822, at a 20 % share: 17.05644 to the pool.
    assertThat(MutualPool.premiumOn(d("85.2822"), d("0.2"))).isEqualByComparingTo("17.05644");
    assertThat(d("85.2822").subtract(MutualPool.premiumOn(d("85.2822"), d("0.2")))).isEqualByComparingTo("68.22576");
    // Rounded half-even at 1e-8: 0.00000005 × 0.5 = 0.000000025 → 0.00000002; 0.00000007 × 0.5 → 0.00000004.
    assertThat(MutualPool.premiumOn(d("0.00000005"), d("0.5"))).isEqualByComparingTo("0.00000002");
    assertThat(MutualPool.premiumOn(d("0.00000007"), d("0.5"))).isEqualByComparingTo("0.00000004");
    assertThatThrownBy(() -> MutualPool.premiumOn(d("1"), d("1.5"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDeficitDrawsTheFundThenThePoolThenLeavesTheRestToAdl() {
    // Fund "eth" holds 100 and must pay a deficit of 500: it pays 100, 400 is its shortfall.
    InsuranceFund.Entry[] fund = new InsuranceFund("eth", d("100"), 7).deficit(d("500"));
    assertThat(fund[0].amount()).isEqualByComparingTo("-100");
    BigDecimal shortfall = fund[1].shortfall();
    assertThat(shortfall).isEqualByComparingTo("400");

    // The pool holds 250 (a seed of 200 and a premium of 50); eth may draw 300 in all: the balance limits it, 250.
    MutualPool pool = MutualPool.empty("pool").seed(d("200"), BigDecimal.ZERO).pool()
        .premium(d("50"), BigDecimal.ZERO).pool();
    MutualPool.Entry[] cover = pool.cover(shortfall, BigDecimal.ZERO, d("300"));
    assertThat(cover).hasSize(2);
    assertThat(cover[0].kind()).isEqualTo(MutualPool.Kind.COVER);
    assertThat(cover[0].sequence()).isEqualTo(3);
    assertThat(cover[0].amount()).isEqualByComparingTo("-250");
    assertThat(cover[0].balanceAfter()).isZero();
    assertThat(cover[0].fundDrawn()).isEqualByComparingTo("250");
    assertThat(cover[1].kind()).isEqualTo(MutualPool.Kind.SHORTFALL);
    assertThat(cover[1].sequence()).isEqualTo(4);
    assertThat(cover[1].amount()).isZero();
    assertThat(cover[1].shortfall()).as("left for ADL").isEqualByComparingTo("150");
  }

  @Test
  void theFundsCapLimitsWhatItDraws() {
    MutualPool pool = new MutualPool("pool", d("1000"), 4);
    // 100 of a 300 cap drawn before: 200 more at most, whatever the balance.
    MutualPool.Entry[] cover = pool.cover(d("400"), d("100"), d("300"));
    assertThat(cover[0].amount()).isEqualByComparingTo("-200");
    assertThat(cover[0].balanceAfter()).isEqualByComparingTo("800");
    assertThat(cover[0].fundDrawn()).isEqualByComparingTo("300");
    assertThat(cover[1].shortfall()).isEqualByComparingTo("200");
    // At the cap the pool pays nothing, and says so.
    MutualPool.Entry[] none = cover[1].pool().cover(d("50"), d("300"), d("300"));
    assertThat(none[0].amount()).isZero();
    assertThat(none[1].shortfall()).isEqualByComparingTo("50");
    assertThat(none[1].sequence()).isEqualTo(8);
  }

  @Test
  void aCoveredShortfallLeavesNothingForAdl() {
    MutualPool.Entry[] cover = new MutualPool("pool", d("1000"), 0).cover(d("400"), BigDecimal.ZERO, d("500"));
    assertThat(cover).hasSize(1);
    assertThat(cover[0].amount()).isEqualByComparingTo("-400");
    assertThat(cover[0].balanceAfter()).isEqualByComparingTo("600");
  }
}
