package dev.solvent.job.exposure;

import static dev.solvent.job.Records.d;
import static dev.solvent.job.Records.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.job.model.ExposureStageInput;
import dev.solvent.job.model.HoldingChange;
import dev.solvent.job.model.InstrumentTick;
import dev.solvent.job.model.Revalue;
import java.math.BigDecimal;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class ExposureFunctionTest {

  @Test
  void triggersEveryHolderAndForgetsAccountsThatCloseTheirPosition() throws Exception {
    var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new ExposureFunction(),
        ExposureStageInput::instrumentId,
        Types.STRING);
    h.processElement(new HoldingChange("BTC-PERP", "a", 1_000, 1, d("1"), BigDecimal.ZERO),
        1_000);
    h.processElement(new HoldingChange("BTC-PERP", "b", 1_000, 2, d("-2"), BigDecimal.ZERO),
        1_000);
    h.processElement(new InstrumentTick("BTC-PERP", 1_000), 1_000);
    h.processWatermark(1_000);
    assertThat(values(h.getOutput())).extracting(r -> ((Revalue) r).accountId() + "@" + ((Revalue) r).time())
        .containsExactlyInAnyOrder("a@1000", "b@1000");

    h.processElement(new HoldingChange("BTC-PERP", "a", 2_000, 3, d("-1"), BigDecimal.ZERO),
        2_000);
    h.processElement(new HoldingChange("BTC-PERP", "b", 2_000, 4, d("2"), BigDecimal.ZERO),
        2_000);
    h.processWatermark(2_000);
    assertThat(h.numKeyedStateEntries()).as("flat accounts and the drained buffer leave no state").isZero();
    assertThat(h.numEventTimeTimers()).isZero();
  }
}
