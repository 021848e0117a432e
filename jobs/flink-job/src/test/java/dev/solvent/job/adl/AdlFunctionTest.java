package dev.solvent.job.adl;

import static dev.solvent.job.Records.d;
import static dev.solvent.job.Records.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.avro.adl.AdlOrder;
import dev.solvent.job.model.AdlInput;
import dev.solvent.job.model.AdlPosition;
import dev.solvent.job.model.AdlRequest;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class AdlFunctionTest {

  @Test
  void deleveragesTheTopRankedOpposingWinnersAtTheBankruptcyPrice() throws Exception {
    var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new AdlFunction(),
        (AdlInput in) -> in.position() != null ? in.position().instrumentId() : in.request().instrumentId(),
        Types.STRING);
    // Shorts from 110,000: "lean" has lots of margin (bankrupt far away), "levered" little.
    h.processElement(new AdlInput(new AdlPosition("BTC-PERP", "lean", 1_000, -1, 110_000, 100_000, 300_000), null), 1_000);
    h.processElement(new AdlInput(new AdlPosition("BTC-PERP", "levered", 1_000, -0.5, 110_000, 100_000, 105_000), null),
        1_000);
    h.processElement(new AdlInput(null, new AdlRequest("BTC-PERP", 2_000, "usd", "broke", 1, 0.8, 101_000, 0.001,
        d("800"), "broke/1/1/BTC-PERP")), 2_000);
    h.processWatermark(2_000);

    assertThat(values(h.getOutput())).extracting(o -> ((AdlOrder) o).getAccountId() + " " + ((AdlOrder) o).getSide()
        + " " + ((AdlOrder) o).getQuantity().toPlainString() + " #" + ((AdlOrder) o).getRank())
        .containsExactly("levered BUY 0.50000000 #1", "lean BUY 0.30000000 #2");
  }
}
