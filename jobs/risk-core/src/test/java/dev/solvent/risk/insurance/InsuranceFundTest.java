package dev.solvent.risk.insurance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fund's ledger as the README's "Ledger" invariant checks it: sequence 1, 2, 3, … without a gap, every balance
 * after = previous balance + amount, the end balance = the sum of the entries; a deficit the balance cannot pay is
 * paid as far as it goes and the rest is a SHORTFALL (README "Guarantees": the venue's bad debt, sent to ADL).
 */
class InsuranceFundTest {

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  @Test
  void seedAndPenaltiesAreCredited() {
    InsuranceFund.Entry seed = InsuranceFund.empty("usd").seed(d("1000"));
    assertThat(seed.kind()).isEqualTo(InsuranceFund.Kind.SEED);
    assertThat(seed.sequence()).isEqualTo(1);
    assertThat(seed.amount()).isEqualByComparingTo("1000");
    assertThat(seed.balanceAfter()).isEqualByComparingTo("1000");
    assertThat(seed.shortfall()).isZero();

    // The penalty of the worked liquidation in AccountBookTest: 0.002 × 0.459 × 92,900 = 85.2822.
    InsuranceFund.Entry penalty = seed.fund().penalty(d("85.2822"));
    assertThat(penalty.kind()).isEqualTo(InsuranceFund.Kind.PENALTY_INCOME);
    assertThat(penalty.sequence()).isEqualTo(2);
    assertThat(penalty.balanceAfter()).isEqualByComparingTo("1085.2822");
    assertThat(penalty.fund().balance()).isEqualByComparingTo("1085.2822");
    assertThat(penalty.fund().fundId()).isEqualTo("usd");
  }

  @Test
  void deficitWithinTheBalanceIsPaidInFull() {
    InsuranceFund fund = new InsuranceFund("usd", d("1000"), 7);
    InsuranceFund.Entry[] entries = fund.deficit(d("45.9"));
    assertThat(entries).hasSize(1);
    assertThat(entries[0].kind()).isEqualTo(InsuranceFund.Kind.DEFICIT_PAYOUT);
    assertThat(entries[0].sequence()).isEqualTo(8);
    assertThat(entries[0].amount()).isEqualByComparingTo("-45.9");
    assertThat(entries[0].balanceAfter()).isEqualByComparingTo("954.1");
    assertThat(entries[0].shortfall()).isZero();
  }

  @Test
  void deficitOfExactlyTheBalanceEmptiesTheFundWithoutAShortfall() {
    InsuranceFund.Entry[] entries = new InsuranceFund("usd", d("45.9"), 1).deficit(d("45.90"));
    assertThat(entries).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(InsuranceFund.Kind.DEFICIT_PAYOUT);
      assertThat(e.balanceAfter()).isZero();
    });
  }

  @Test
  void deficitBeyondTheBalancePaysWhatThereIsAndRecordsTheShortfall() {
    // Balance 1,000, deficit 1,500: pays 1,000 (balance 0), shortfall 500.
    InsuranceFund.Entry[] entries = new InsuranceFund("usd", d("1000"), 3).deficit(d("1500"));
    assertThat(entries).hasSize(2);
    assertThat(entries[0].kind()).isEqualTo(InsuranceFund.Kind.DEFICIT_PAYOUT);
    assertThat(entries[0].sequence()).isEqualTo(4);
    assertThat(entries[0].amount()).isEqualByComparingTo("-1000");
    assertThat(entries[0].balanceAfter()).isZero();
    assertThat(entries[1].kind()).isEqualTo(InsuranceFund.Kind.SHORTFALL);
    assertThat(entries[1].sequence()).isEqualTo(5);
    assertThat(entries[1].amount()).as("a shortfall moves no money of the fund").isZero();
    assertThat(entries[1].balanceAfter()).isZero();
    assertThat(entries[1].shortfall()).isEqualByComparingTo("500");
    assertThat(entries[1].fund().sequence()).isEqualTo(5);
    assertThat(entries[1].fund().balance()).isZero();
  }

  @Test
  void everyEntryTakesTheNextSequenceAndTheBalanceIsTheSumOfTheEntries() {
    InsuranceFund fund = InsuranceFund.empty("usd");
    List<InsuranceFund.Entry> ledger = new ArrayList<>();
    ledger.add(fund.seed(d("500")));
    ledger.add(last(ledger).fund().penalty(d("12.34567891")));
    ledger.addAll(List.of(last(ledger).fund().deficit(d("100"))));
    ledger.add(last(ledger).fund().penalty(d("0.00000001")));
    ledger.addAll(List.of(last(ledger).fund().deficit(d("1000"))));
    ledger.add(last(ledger).fund().seed(d("250")));

    // Seed 500, +12.34567891, −100, +0.00000001, −412.34567892 (all that is left) with a shortfall of
    // 1,000 − 412.34567892 = 587.65432108, then a fresh seed of 250.
    assertThat(ledger).extracting(InsuranceFund.Entry::kind).containsExactly(InsuranceFund.Kind.SEED,
        InsuranceFund.Kind.PENALTY_INCOME, InsuranceFund.Kind.DEFICIT_PAYOUT, InsuranceFund.Kind.PENALTY_INCOME,
        InsuranceFund.Kind.DEFICIT_PAYOUT, InsuranceFund.Kind.SHORTFALL, InsuranceFund.Kind.SEED);
    BigDecimal balance = BigDecimal.ZERO;
    for (int i = 0; i < ledger.size(); i++) {
      InsuranceFund.Entry e = ledger.get(i);
      assertThat(e.sequence()).as("entry %d", i).isEqualTo(i + 1);
      balance = balance.add(e.amount());
      assertThat(e.balanceAfter()).as("entry %d", i).isEqualByComparingTo(balance);
      assertThat(e.fund().balance()).as("entry %d", i).isEqualByComparingTo(balance);
    }
    assertThat(ledger.get(4).amount()).isEqualByComparingTo("-412.34567892");
    assertThat(ledger.get(5).shortfall()).isEqualByComparingTo("587.65432108");
    assertThat(balance).isEqualByComparingTo("250");
  }

  @Test
  void negativeAmountsAndBalancesAreRefused() {
    InsuranceFund fund = InsuranceFund.empty("usd");
    assertThatThrownBy(() -> fund.seed(d("-1"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> fund.penalty(d("-0.00000001"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> fund.deficit(d("-5"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InsuranceFund("usd", d("-0.01"), 0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static InsuranceFund.Entry last(List<InsuranceFund.Entry> ledger) {
    return ledger.get(ledger.size() - 1);
  }
}
