package dev.solvent.job.insurance;

import dev.solvent.avro.pool.PoolEntry;
import dev.solvent.avro.pool.PoolEntryKind;
import dev.solvent.job.common.EventTimeBuffer;
import dev.solvent.job.model.AdlRequest;
import dev.solvent.job.model.PoolInput;
import dev.solvent.job.model.Settlement;
import dev.solvent.risk.insurance.MutualPool;
import java.math.BigDecimal;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * INSURANCE_POOL stage (insurance.pool=on; keyed by pool, one for the USD funds): books deposits, the funds'
 * premiums and the covers of their shortfalls in event-time order into the pool's ledger, each fund's draws within
 * its cap; what the pool does not cover goes to ADL, as the fund's shortfall did without a pool. One key: a pool's
 * ledger is one sequence, as a fund's is.
 */
public final class MutualPoolFunction extends KeyedProcessFunction<String, PoolInput, PoolEntry> {

  private static final long serialVersionUID = 1L;

  private final BigDecimal fundCap;
  private transient EventTimeBuffer<PoolInput> inputs;
  private transient ValueState<MutualPool> pool;
  private transient MapState<String, BigDecimal> drawn;

  /** @param fundCap the most one fund may draw from the pool over the run */
  public MutualPoolFunction(BigDecimal fundCap) {
    this.fundCap = fundCap.setScale(MutualPool.SCALE);
  }

  @Override
  public void open(OpenContext context) {
    inputs = new EventTimeBuffer<>(getRuntimeContext(), "pool-inputs", TypeInformation.of(PoolInput.class),
        PoolInput.ORDER);
    pool = getRuntimeContext().getState(new ValueStateDescriptor<>("pool", MutualPool.class));
    drawn = getRuntimeContext().getMapState(new MapStateDescriptor<>("drawn-by-fund", Types.STRING,
        Types.BIG_DEC));
  }

  @Override
  public void processElement(PoolInput input, Context ctx, Collector<PoolEntry> out) throws Exception {
    inputs.add(input.settlement().time(), input, ctx.timerService()::registerEventTimeTimer);
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<PoolEntry> out) throws Exception {
    MutualPool books = pool.value();
    if (books == null) {
      books = MutualPool.empty(ctx.getCurrentKey());
    }
    for (PoolInput input : inputs.release(time)) {
      Settlement s = input.settlement();
      // A seed's "fund" is the account that deposited it.
      String fund = input.kind() == PoolInput.Kind.SEED ? s.accountId() : s.fundId();
      BigDecimal before = drawn.contains(fund) ? drawn.get(fund) : BigDecimal.ZERO;
      switch (input.kind()) {
        case SEED -> books = emit(books.seed(input.amount(), before), fund, s, time, out);
        case PREMIUM -> books = emit(books.premium(input.amount(), before), fund, s, time, out);
        case CLAIM -> {
          for (MutualPool.Entry entry : books.cover(input.amount(), before, fundCap)) {
            books = emit(entry, fund, s, time, out);
            if (entry.kind() == MutualPool.Kind.SHORTFALL) {
              ctx.output(InsuranceFundFunction.ADL_REQUESTS, AdlRequest.forShortfall(s, time, entry.shortfall()));
            }
            drawn.put(fund, entry.fundDrawn());
          }
        }
      }
    }
    pool.update(books);
  }

  private MutualPool emit(MutualPool.Entry entry, String fund, Settlement s, long time, Collector<PoolEntry> out) {
    out.collect(PoolEntry.newBuilder()
        .setPoolId(entry.pool().poolId())
        .setSequence(entry.sequence())
        .setEventTime(Instant.ofEpochMilli(time))
        .setKind(PoolEntryKind.valueOf(entry.kind().name()))
        .setFundId(fund)
        .setAmount(entry.amount().setScale(MutualPool.SCALE))
        .setBalanceAfter(entry.balanceAfter().setScale(MutualPool.SCALE))
        .setFundDrawn(entry.fundDrawn().setScale(MutualPool.SCALE))
        .setFundCap(fundCap)
        .setShortfall(entry.shortfall().signum() > 0 ? entry.shortfall().setScale(MutualPool.SCALE) : null)
        .setAccountId(s.accountId())
        .setInstrumentId(s.instrumentId())
        .setReference(s.reference())
        .build());
    return entry.pool();
  }
}
