package dev.solvent.job.adl;

import static dev.solvent.job.Records.d;
import static dev.solvent.job.Records.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.avro.adl.AdlOrder;
import dev.solvent.job.model.AdlRequest;
import dev.solvent.job.model.AdlStageInput;
import dev.solvent.risk.adl.AdlPosition;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class AdlFunctionTest {

  @Test
  void deleveragesTheTopRankedOpposingWinnersAtTheBankruptcyPrice() throws Exception {
    var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new AdlFunction(),
        AdlStageInput::instrumentId,
        Types.STRING);
    // Shorts from 110,000: "lean" has lots of margin (bankrupt far away), "levered" little.
    h.processElement(new AdlStageInput.Position(new AdlPosition("BTC-PERP", "lean", 1_000, -1, 110_000, 100_000, 300_000)), 1_000);
    h.processElement(new AdlStageInput.Position(new AdlPosition("BTC-PERP", "levered", 1_000, -0.5, 110_000, 100_000, 105_000)),
        1_000);
    h.processElement(new AdlRequest("BTC-PERP", 2_000, "usd", "broke", 1, 0.8, 101_000, 0.001, d("800"),
        "broke/1/1/BTC-PERP"), 2_000);
    h.processWatermark(2_000);

    assertThat(values(h.getOutput())).extracting(o -> ((AdlOrder) o).getAccountId() + " " + ((AdlOrder) o).getSide()
        + " " + ((AdlOrder) o).getQuantity().toPlainString() + " #" + ((AdlOrder) o).getRank())
        .containsExactly("levered BUY 0.50000000 #1", "lean BUY 0.30000000 #2");
    // What stays: the instrument's map of reported positions (until they close or fall out of profit); the buffer
    // is drained.
    assertThat(h.numKeyedStateEntries()).isEqualTo(1);
    assertThat(h.numEventTimeTimers()).isZero();
  }
}
