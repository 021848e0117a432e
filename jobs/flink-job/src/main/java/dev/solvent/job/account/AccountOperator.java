package dev.solvent.job.account;

import dev.solvent.avro.calls.MarginCall;
import dev.solvent.avro.deadletter.DeadLetterReason;
import dev.solvent.avro.liquidation.LiquidationOrder;
import dev.solvent.avro.margin.MarginUpdate;
import dev.solvent.job.common.EventTimeBuffer;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.job.model.AccountInput;
import dev.solvent.job.model.AccountStageInput;
import dev.solvent.job.model.Rejected;
import dev.solvent.job.model.Revalue;
import dev.solvent.job.model.RiskArraySet;
import dev.solvent.job.model.Settlement;
import dev.solvent.job.state.AccountInputCodec;
import dev.solvent.job.state.AccountStateCodec;
import dev.solvent.job.state.RiskArraySetCodec;
import dev.solvent.job.state.StateCodecs;
import dev.solvent.risk.adl.AdlPosition;
import dev.solvent.risk.book.AccountBook;
import dev.solvent.risk.book.AccountEvent;
import dev.solvent.risk.book.AccountOutput;
import dev.solvent.risk.book.AccountState;
import dev.solvent.risk.book.PendingLiquidation;
import dev.solvent.risk.lending.LendingStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.IntSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * ACCOUNT stage (keyBy account; risk arrays broadcast): buffers each account's events until the watermark passes
 * them, and at each instant of the account (an event, a revalue trigger, a liquidation deadline) steps its
 * {@link AccountBook} once with that instant's events and market, emits what the book decided, keeps its state and
 * moves the deadline timer. Margin updates are the main output; calls, orders, settlements, ADL positions, lending
 * health and rejected events go to side outputs.
 *
 * <p>Timers live in one service (so they fire in time order) under two namespaces: {@link #VALUATION} (events and
 * triggers) and {@link #DEADLINE} (the pending liquidation's), so a filled liquidation's deadline is deleted without
 * touching a valuation due at the same instant. When both fire at one instant the second step finds nothing to do.
 */
public final class AccountOperator extends AbstractStreamOperator<MarginUpdate>
    implements TwoInputStreamOperator<AccountStageInput, RiskArraySet, MarginUpdate>, Triggerable<String, Integer> {

  private static final long serialVersionUID = 1L;

  public static final OutputTag<MarginCall> CALLS = new OutputTag<>("margin-calls", TypeInformation.of(MarginCall.class));
  public static final OutputTag<LiquidationOrder> ORDERS =
      new OutputTag<>("liquidation-orders", TypeInformation.of(LiquidationOrder.class));
  public static final OutputTag<Settlement> SETTLEMENTS =
      new OutputTag<>("settlements", TypeInformation.of(Settlement.class));
  public static final OutputTag<AdlPosition> ADL_POSITIONS =
      new OutputTag<>("adl-positions", TypeInformation.of(AdlPosition.class));
  public static final OutputTag<LendingStatus> LENDING =
      new OutputTag<>("lending-status", TypeInformation.of(LendingStatus.class));
  public static final OutputTag<Rejected> REJECTED = new OutputTag<>("account-rejected",
      TypeInformation.of(Rejected.class));

  /** Risk-array versions by underlying, oldest first: broadcast to every subtask. */
  public static final MapStateDescriptor<String, RiskArraySet[]> RISK_ARRAYS = new MapStateDescriptor<>("risk-arrays",
      Types.STRING, StateCodecs.type(RiskArraySetCodec.Versions.INSTANCE));
  /** The account book's state. */
  public static final ValueStateDescriptor<AccountState> BOOK = new ValueStateDescriptor<>("account-book",
      StateCodecs.type(AccountStateCodec.INSTANCE));
  /** The buffer of events not yet passed by the watermark. */
  public static final String EVENTS = "events";
  public static final String TIMERS = "account-timers";
  public static final int VALUATION = 0;
  public static final int DEADLINE = 1;

  private final SolventConfig config;
  private final long riskArrayRetention;
  private transient EventTimeBuffer<AccountInput> events;
  private transient ValueState<AccountState> book;
  private transient InternalTimerService<Integer> timers;
  private transient AccountBook accounts;
  private transient InstrumentCache cache;

  public AccountOperator(SolventConfig config) {
    this.config = config;
    this.riskArrayRetention = config.get(SolventConfig.RISK_ARRAY_RETENTION);
  }

  /** The buffer's state, as the operator and a savepoint migration create it. */
  public static EventTimeBuffer<AccountInput> eventBuffer(RuntimeContext ctx) {
    return new EventTimeBuffer<>(ctx, EVENTS, StateCodecs.type(AccountInputCodec.INSTANCE),
        Comparator.comparingLong((AccountInput in) -> in.event().getSequence()));
  }

  @Override
  public void open() throws Exception {
    super.open();
    events = eventBuffer(getRuntimeContext());
    book = getRuntimeContext().getState(BOOK);
    timers = getInternalTimerService(TIMERS, IntSerializer.INSTANCE, this);
    accounts = new AccountBook(RiskSettings.parameters(config), RiskSettings.book(config));
    cache = new InstrumentCache();
  }

  @Override
  public void processElement1(StreamRecord<AccountStageInput> element) throws Exception {
    if (element.getValue() instanceof AccountInput event) {
      events.add(event.event().getEventTime().toEpochMilli(), event,
          time -> timers.registerEventTimeTimer(VALUATION, time));
    } else {
      // A revalue trigger carries nothing but its time: a timer (deduplicated per key and time) is all it needs.
      timers.registerEventTimeTimer(VALUATION, ((Revalue) element.getValue()).time());
    }
  }

  @Override
  public void processElement2(StreamRecord<RiskArraySet> element) throws Exception {
    RiskArraySet set = element.getValue();
    BroadcastState<String, RiskArraySet[]> versions = getOperatorStateBackend().getBroadcastState(RISK_ARRAYS);
    versions.put(set.underlying(), RiskArrayVersions.add(versions.get(set.underlying()), set,
        timers.currentWatermark(), riskArrayRetention));
  }

  @Override
  public void onEventTime(InternalTimer<String, Integer> timer) throws Exception {
    long time = timer.getTimestamp();
    List<AccountInput> released = events.release(time);
    List<AccountEvent> coreEvents = new ArrayList<>(released.size());
    for (AccountInput input : released) {
      coreEvents.add(AccountEvents.toCore(input.event()));
    }
    AccountState stored = book.value();
    AccountBook.Step step = accounts.step(stored, coreEvents,
        new RiskArrayMarket(getOperatorStateBackend().getBroadcastState(RISK_ARRAYS), time, cache), time);
    for (AccountOutput decided : step.outputs()) {
      emit(decided, released, time);
    }
    if (step.state() != stored) {
      book.update(step.state()); // most revaluations change nothing worth keeping: no write then
      moveDeadline(stored == null ? null : stored.pending(), step.state().pending(), time);
    }
  }

  @Override
  public void onProcessingTime(InternalTimer<String, Integer> timer) {
    throw new IllegalStateException("the account stage uses no processing-time timers");
  }

  private void moveDeadline(PendingLiquidation before, PendingLiquidation after, long time) {
    long was = deadline(before);
    long now = deadline(after);
    if (was == now) {
      return;
    }
    if (was != Long.MIN_VALUE && was > time) {
      timers.deleteEventTimeTimer(DEADLINE, was); // filled, recovered or re-planned before its deadline
    }
    if (now != Long.MIN_VALUE) {
      timers.registerEventTimeTimer(DEADLINE, now);
    }
  }

  private static long deadline(PendingLiquidation pending) {
    return pending == null || !pending.escalates() ? Long.MIN_VALUE : pending.deadline();
  }

  private void emit(AccountOutput decided, List<AccountInput> released, long time) {
    if (decided instanceof AccountOutput.MarginUpdated u) {
      output.collect(new StreamRecord<>(AccountRecords.marginUpdate(u), time));
    } else if (decided instanceof AccountOutput.MarginCalled c) {
      output.collect(CALLS, new StreamRecord<>(AccountRecords.marginCall(c), time));
    } else if (decided instanceof AccountOutput.LiquidationOrdered o) {
      output.collect(ORDERS, new StreamRecord<>(AccountRecords.order(o), time));
    } else if (decided instanceof AccountOutput.FillSettled s) {
      output.collect(SETTLEMENTS, new StreamRecord<>(AccountRecords.settlement(s), time));
    } else if (decided instanceof AccountOutput.AdlPositionReported p) {
      output.collect(ADL_POSITIONS, new StreamRecord<>(p.position(), time));
    } else if (decided instanceof AccountOutput.LendingHealth h) {
      output.collect(LENDING, new StreamRecord<>(h.status(), time));
    } else if (decided instanceof AccountOutput.EventRejected r) {
      output.collect(REJECTED, new StreamRecord<>(Rejections.of(released.get(r.event()), time,
          DeadLetterReason.valueOf(r.reason().name()), r.detail()), time));
    }
  }
}
