package dev.solvent.job.ingest;

import static dev.solvent.job.Records.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.avro.ticks.MarketTick;
import dev.solvent.job.model.Rejected;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

class ValidateFunctionTest {

  private static final OutputTag<Rejected> REJECTED = new OutputTag<>("r", TypeInformation.of(Rejected.class));
  private final IngestDecoder<MarketTick> decoder = new IngestDecoder<>(InputTopic.MARKET_TICKS, 1_000);

  private Ingested line(long offset, String json) {
    return decoder.ingest("market.ticks", 0, offset, null, json.getBytes(StandardCharsets.UTF_8),
        IngestDecoder.Format.JSON);
  }

  private static String quote(String time, String price) {
    return "{\"eventTime\": \"" + time + "\", \"payload\": {\"type\": \"Quote\", \"underlying\": \"BTC\", "
        + "\"source\": \"a\", \"price\": \"" + price + "\"}}";
  }

  @Test
  void rejectsLateAndInvalidRecordsDropsHeartbeatsAndRemembersProgressAcrossARestore() throws Exception {
    ValidateFunction<MarketTick, MarketTick> function =
        new ValidateFunction<>(decoder, new AcceptanceRule(2_000, 60_000), REJECTED, (r, s) -> r);
    OneInputStreamOperatorTestHarness<Ingested, MarketTick> h = ProcessFunctionTestHarnesses.forProcessFunction(function);
    h.processElement(line(1, quote("2025-10-10T21:00:10Z", "100000")), 0);
    h.processElement(line(2, quote("2025-10-10T21:00:07Z", "100000")), 0); // 3 s behind: LATE
    h.processElement(line(3, quote("2025-10-10T21:00:09Z", "-1")), 0);     // 1 s behind: fine, but negative
    h.processElement(line(4, "{\"eventTime\": \"2025-10-10T21:00:11Z\", \"payload\": {\"type\": \"Heartbeat\", "
        + "\"producer\": \"venue\"}}"), 0);
    var snapshot = h.snapshot(1, 1);

    assertThat(values(h.getOutput())).hasSize(1);
    List<Rejected> rejected = values(h.getSideOutput(REJECTED));
    assertThat(rejected).extracting(r -> r.deadLetter().getOffset() + " " + r.deadLetter().getReason())
        .containsExactly("2 LATE", "3 INVALID_PRICE");

    // Restored, the partition's progress (21:00:11 from the heartbeat) still decides: 21:00:08 is late.
    var h2 = new OneInputStreamOperatorTestHarness<Ingested, MarketTick>(
        new org.apache.flink.streaming.api.operators.ProcessOperator<>(
            new ValidateFunction<>(decoder, new AcceptanceRule(2_000, 60_000), REJECTED, (r, s) -> r)));
    h2.initializeState(snapshot);
    h2.open();
    h2.processElement(line(5, quote("2025-10-10T21:00:08Z", "100000")), 0);
    assertThat(values(h2.getSideOutput(REJECTED))).extracting(r -> ((Rejected) r).deadLetter().getReason().name())
        .containsExactly("LATE");
  }
}
