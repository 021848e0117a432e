package dev.solvent.job.ingest;

import static dev.solvent.job.Records.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.avro.deadletter.DeadLetter;
import dev.solvent.avro.deadletter.DeadLetterReason;
import dev.solvent.job.model.Rejected;
import java.nio.ByteBuffer;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class DeadLetterFunctionTest {

  private static Rejected letter(long time, int partition, long offset) {
    return new Rejected(time, DeadLetter.newBuilder().setSourceTopic("market.ticks").setPartition(partition)
        .setOffset(offset).setEventTime(null).setReason(DeadLetterReason.UNDECODABLE).setDetail("x").setKey(null)
        .setValue(ByteBuffer.wrap(new byte[0])).setValueSize(0).build());
  }

  @Test
  void emitsEachTopicsDeadLettersInTimePartitionOffsetOrder() throws Exception {
    var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new DeadLetterFunction(),
        (Rejected r) -> r.deadLetter().getSourceTopic(), Types.STRING);
    h.processElement(letter(2_000, 0, 9), 2_000);
    h.processElement(letter(1_000, 1, 3), 1_000);
    h.processElement(letter(1_000, 0, 7), 1_000);
    h.processWatermark(2_000);
    assertThat(values(h.getOutput())).extracting(l -> ((DeadLetter) l).getPartition() + ":"
        + ((DeadLetter) l).getOffset()).containsExactly("0:7", "1:3", "0:9");
    assertThat(h.numKeyedStateEntries()).isZero();
    assertThat(h.numEventTimeTimers()).isZero();
  }
}
