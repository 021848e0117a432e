package dev.solvent.job.insurance;

import static dev.solvent.job.Records.d;
import static dev.solvent.job.Records.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.avro.insurance.LedgerEntry;
import dev.solvent.job.model.AdlRequest;
import dev.solvent.job.model.Settlement;
import dev.solvent.risk.account.Account;
import dev.solvent.risk.ledger.Payoff;
import java.math.BigDecimal;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class InsuranceFundFunctionTest {

  private static Settlement deficit(long at, String account, String amount) {
    return new Settlement("usd", at, account, 1, "BTC-PERP", account + "/1/1/BTC-PERP", BigDecimal.ZERO, d(amount),
        BigDecimal.ZERO, 1, 90_000, 89_000, 1, 0.001, Account.QUOTE, Payoff.LINEAR);
  }

  @Test
  void booksInEventTimeOrderWithAContiguousSequenceAndHandsTheShortfallToAdl() throws Exception {
    var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new InsuranceFundFunction(), Settlement::fundKey,
        Types.STRING);
    h.processElement(deficit(2_000, "alice", "1000"), 2_000); // arrives before the seed it must follow
    h.processElement(Settlement.seed("usd", Account.QUOTE, 1_000, "fund:usd", 0, d("600")), 1_000);
    h.processWatermark(2_000);

    List<LedgerEntry> ledger = values(h.getOutput());
    assertThat(ledger).extracting(e -> e.getSequence() + " " + e.getKind() + " " + e.getAmount().toPlainString() + " "
        + e.getBalanceAfter().toPlainString()).containsExactly(
            "1 SEED 600.00000000 600.00000000",
            "2 DEFICIT_PAYOUT -600.00000000 0.00000000",
            "3 SHORTFALL 0.00000000 0.00000000");
    List<AdlRequest> adl = values(h.getSideOutput(InsuranceFundFunction.ADL_REQUESTS));
    // 400 short at 1,000 a contract below bankruptcy: 0.4 contracts of the bankrupt long.
    assertThat(adl).singleElement().satisfies(r -> {
      assertThat(r.shortfall()).isEqualTo(d("400"));
      assertThat(r.quantity()).isEqualTo(0.4);
      assertThat(r.bankruptSide()).isEqualTo(1);
    });
    assertThat(h.numKeyedStateEntries()).as("the fund's books; the settlements drained").isEqualTo(1);
    assertThat(h.numEventTimeTimers()).isZero();
  }

  @Test
  void aFundKeepsItsCoinBalanceApartWithItsOwnSequenceAndAsksAdlInCoinContracts() throws Exception {
    var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new InsuranceFundFunction(), Settlement::fundKey,
        Types.STRING);
    h.processElement(Settlement.seed("main", Account.QUOTE, 1_000, "fund:main", 0, d("600")), 1_000);
    h.processElement(Settlement.seed("main", "BTC", 1_000, "fund:main", 1, d("0.002")), 1_000);
    // An inverse long of 100 USD contracts went bankrupt at 97,000 with the mark at 95,000, 0.01 BTC short of it.
    h.processElement(new Settlement("main", 2_000, "carol", 3, "BTCUSD-PERP", "carol/1/1/BTCUSD-PERP",
        BigDecimal.ZERO, d("0.012"), BigDecimal.ZERO, 1, 97_000, 95_000, 100, 1, "BTC", Payoff.INVERSE), 2_000);
    h.processWatermark(2_000);

    List<LedgerEntry> ledger = values(h.getOutput());
    assertThat(ledger).extracting(e -> e.getFundId() + " " + e.getCurrency() + " " + e.getSequence()
        + " " + e.getKind() + " " + e.getAmount().toPlainString() + " " + e.getBalanceAfter().toPlainString())
        .containsExactly(
            "main USD 1 SEED 600.00000000 600.00000000",
            "main BTC 1 SEED 0.00200000 0.00200000",
            "main BTC 2 DEFICIT_PAYOUT -0.00200000 0.00000000",
            "main BTC 3 SHORTFALL 0.00000000 0.00000000");
    // 0.01 BTC at 100 × (1/95,000 − 1/97,000) BTC a contract: 460.75 contracts of the bankrupt long.
    List<AdlRequest> adl = values(h.getSideOutput(InsuranceFundFunction.ADL_REQUESTS));
    assertThat(adl).singleElement()
        .satisfies(r -> assertThat(r.quantity()).isCloseTo(460.75, org.assertj.core.api.Assertions.within(1e-9)));
    assertThat(h.numKeyedStateEntries()).as("one balance per currency").isEqualTo(2);
  }
}
