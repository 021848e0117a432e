package dev.solvent.job.exposure;

import dev.solvent.job.common.EventTimeBuffer;
import dev.solvent.job.model.ExposureStageInput;
import dev.solvent.job.model.HoldingChange;
import dev.solvent.job.model.Revalue;
import dev.solvent.job.state.ExposureStageInputCodec;
import dev.solvent.job.state.StateCodecs;
import java.util.Comparator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * EXPOSURE stage (keyBy instrument): who holds the instrument (from the account log's fills, deposits and loans),
 * and on each revaluation of the instrument one revalue trigger per holder. It bounds the work of a price move to
 * the accounts it can affect. Holdings that net to zero are removed, so the state follows open interest.
 */
public final class ExposureFunction extends KeyedProcessFunction<String, ExposureStageInput, Revalue> {

  private static final long serialVersionUID = 1L;
  public static final String INPUTS = "inputs";
  /** What each account holds of the instrument. */
  public static final MapStateDescriptor<String, Holding> HOLDERS = new MapStateDescriptor<>("holders", Types.STRING,
      StateCodecs.type(ExposureStageInputCodec.HoldingCodec.INSTANCE));

  private transient EventTimeBuffer<ExposureStageInput> inputs;
  private transient MapState<String, Holding> holders;

  /** The buffer's state, as the operator and a savepoint migration create it: changes first, by account. */
  public static EventTimeBuffer<ExposureStageInput> inputBuffer(RuntimeContext context) {
    return new EventTimeBuffer<>(context, INPUTS, StateCodecs.type(ExposureStageInputCodec.INSTANCE),
        Comparator.comparingInt((ExposureStageInput in) -> in instanceof HoldingChange ? 0 : 1)
            .thenComparing(in -> in instanceof HoldingChange c ? c.accountId() : "")
            .thenComparingLong(in -> in instanceof HoldingChange c ? c.sequence() : 0));
  }

  @Override
  public void open(OpenContext context) {
    inputs = inputBuffer(getRuntimeContext());
    holders = getRuntimeContext().getMapState(HOLDERS);
  }

  @Override
  public void processElement(ExposureStageInput input, Context ctx, Collector<Revalue> out) throws Exception {
    inputs.add(input.time(), input, ctx.timerService()::registerEventTimeTimer);
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<Revalue> out) throws Exception {
    boolean ticked = false;
    for (ExposureStageInput input : inputs.release(time)) {
      if (input instanceof HoldingChange change) {
        apply(change);
      } else {
        ticked = true;
      }
    }
    if (ticked) {
      for (String account : holders.keys()) {
        out.collect(new Revalue(account, time));
      }
    }
  }

  private void apply(HoldingChange change) throws Exception {
    Holding current = holders.get(change.accountId());
    Holding updated = (current == null ? Holding.NONE : current).plus(change.quantity(), change.debt());
    if (updated.isEmpty()) {
      holders.remove(change.accountId());
    } else {
      holders.put(change.accountId(), updated);
    }
  }
}
