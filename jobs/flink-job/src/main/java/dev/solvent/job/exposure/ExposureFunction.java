package dev.solvent.job.exposure;

import dev.solvent.job.common.EventTimeBuffer;
import dev.solvent.job.model.ExposureInput;
import dev.solvent.job.model.HoldingChange;
import dev.solvent.job.model.Revalue;
import java.util.Comparator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * EXPOSURE stage (keyBy instrument): who holds the instrument (from the account log's fills, deposits and loans),
 * and on each revaluation of the instrument one revalue trigger per holder. It bounds the work of a price move to
 * the accounts it can affect. Holdings that net to zero are removed, so the state follows open interest.
 */
public final class ExposureFunction extends KeyedProcessFunction<String, ExposureInput, Revalue> {

  private static final long serialVersionUID = 1L;

  private transient EventTimeBuffer<ExposureInput> inputs;
  private transient MapState<String, Holding> holders;

  @Override
  public void open(OpenContext context) {
    inputs = new EventTimeBuffer<>(getRuntimeContext(), "inputs", TypeInformation.of(ExposureInput.class),
        Comparator.comparingInt((ExposureInput in) -> in.change() != null ? 0 : 1)
            .thenComparing(in -> in.change() != null ? in.change().accountId() : "")
            .thenComparingLong(in -> in.change() != null ? in.change().sequence() : 0));
    holders = getRuntimeContext().getMapState(new MapStateDescriptor<>("holders", Types.STRING,
        TypeInformation.of(Holding.class)));
  }

  @Override
  public void processElement(ExposureInput input, Context ctx, Collector<Revalue> out) throws Exception {
    long time = input.change() != null ? input.change().time() : input.tick().time();
    inputs.add(time, input, ctx.timerService());
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<Revalue> out) throws Exception {
    boolean ticked = false;
    for (ExposureInput input : inputs.release(time)) {
      if (input.change() != null) {
        apply(input.change());
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
