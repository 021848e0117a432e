package dev.solvent.job.ingest;

import dev.solvent.avro.deadletter.DeadLetter;
import dev.solvent.job.common.EventTimeBuffer;
import dev.solvent.job.model.Rejected;
import java.util.Comparator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * DEAD_LETTERS stage (keyBy source topic): dead letters come from every validating subtask and from the stateful
 * stages; this puts each topic's in one deterministic order (time, partition, offset) before they are written.
 */
public final class DeadLetterFunction extends KeyedProcessFunction<String, Rejected, DeadLetter> {

  private static final long serialVersionUID = 1L;
  private transient EventTimeBuffer<Rejected> letters;

  @Override
  public void open(OpenContext context) {
    letters = new EventTimeBuffer<>(getRuntimeContext(), "letters", TypeInformation.of(Rejected.class),
        Comparator.comparingInt((Rejected r) -> r.deadLetter().getPartition())
            .thenComparingLong(r -> r.deadLetter().getOffset())
            .thenComparing(r -> r.deadLetter().getReason().name()));
  }

  @Override
  public void processElement(Rejected rejected, Context ctx, Collector<DeadLetter> out) throws Exception {
    letters.add(rejected.time(), rejected, ctx.timerService()::registerEventTimeTimer);
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<DeadLetter> out) throws Exception {
    for (Rejected rejected : letters.release(time)) {
      out.collect(rejected.deadLetter());
    }
  }
}
