package dev.solvent.job.insurance;

import static dev.solvent.job.Records.d;
import static dev.solvent.job.Records.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.avro.insurance.LedgerEntry;
import dev.solvent.job.model.AdlRequest;
import dev.solvent.job.model.Settlement;
import java.math.BigDecimal;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class InsuranceFundFunctionTest {

  private static Settlement deficit(long at, String account, String amount) {
    return new Settlement("usd", at, account, 1, "BTC-PERP", account + "/1/1/BTC-PERP", BigDecimal.ZERO, d(amount),
        BigDecimal.ZERO, 1, 90_000, 89_000, 1, 0.001);
  }

  @Test
  void booksInEventTimeOrderWithAContiguousSequenceAndHandsTheShortfallToAdl() throws Exception {
    var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new InsuranceFundFunction(), Settlement::fundId,
        Types.STRING);
    h.processElement(deficit(2_000, "alice", "1000"), 2_000); // arrives before the seed it must follow
    h.processElement(Settlement.seed("usd", 1_000, "fund:usd", 0, d("600")), 1_000);
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
}
