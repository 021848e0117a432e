package dev.solvent.job.account;

import dev.solvent.avro.calls.MarginCall;
import dev.solvent.avro.deadletter.DeadLetterReason;
import dev.solvent.avro.liquidation.LiquidationOrder;
import dev.solvent.avro.margin.MarginUpdate;
import dev.solvent.avro.offers.PortfolioOffer;
import dev.solvent.job.common.EventTimeBuffer;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.job.model.AccountInput;
import dev.solvent.job.model.Rejected;
import dev.solvent.job.model.RiskArraySet;
import dev.solvent.job.model.RiskAuctionInput;
import dev.solvent.job.model.Settlement;
import dev.solvent.job.state.AccountInputCodec;
import dev.solvent.job.state.AccountStateCodec;
import dev.solvent.job.state.RiskArraySetCodec;
import dev.solvent.job.state.RiskAuctionInputCodec;
import dev.solvent.job.state.SafeBandsCodec;
import dev.solvent.job.state.StateCodecs;
import dev.solvent.risk.adl.AdlPosition;
import dev.solvent.risk.book.AccountBook;
import dev.solvent.risk.book.AccountEvent;
import dev.solvent.risk.book.AccountOutput;
import dev.solvent.risk.book.AccountState;
import dev.solvent.risk.book.PendingLiquidation;
import dev.solvent.risk.lending.LendingStatus;
import dev.solvent.risk.trigger.SafeBands;
import dev.solvent.risk.trigger.TriggerIndex;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.IntSerializer;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * ACCOUNT stage (keyBy account; risk arrays broadcast): buffers each account's events until the watermark passes
 * them, and at each instant of the account (an event, a new price that can change its outputs, a liquidation
 * deadline) steps its {@link AccountBook} once with that instant's events and market, emits what the book decided,
 * keeps its state and moves the deadline timer. Margin updates are the main output; calls, orders, settlements, ADL
 * positions, lending health and rejected events go to side outputs.
 *
 * <p>Which accounts a new price revalues is the subtask's {@link TriggerIndex} of its own accounts' safe bands
 * (README "Trigger index"), rebuilt from keyed state when the operator opens. A broadcast risk-array set is checked
 * against the index when the watermark reaches its time, after every valuation before it: each subtask registers a
 * {@link #PRICE_CHECK} timer for the set's time on a key of its own, which values the accounts the price can hurt
 * there and then (no timer per account), and the set's time stays in the broadcast
 * {@link #UNCHECKED} state until checked, so a restore or rescale checks it again. With {@code risk.trigger-index=off}
 * every holder is revalued (the reference the index is tested against).
 *
 * <p>Timers live in one service (so they fire in time order) under three namespaces: {@link #VALUATION} (events),
 * {@link #DEADLINE} (the pending liquidation's), so a filled liquidation's deadline is deleted without
 * touching a valuation due at the same instant, and {@link #PRICE_CHECK}. When a valuation and a deadline fire at
 * one instant the second step finds nothing to do.
 */
public final class AccountOperator extends AbstractStreamOperator<MarginUpdate>
    implements TwoInputStreamOperator<AccountInput, RiskArraySet, MarginUpdate>, Triggerable<String, Integer> {

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
  public static final OutputTag<PortfolioOffer> OFFERS =
      new OutputTag<>("portfolio-offers", TypeInformation.of(PortfolioOffer.class));
  public static final OutputTag<RiskAuctionInput> ASSESSED_BIDS =
      new OutputTag<>("assessed-bids", StateCodecs.type(RiskAuctionInputCodec.INSTANCE));
  public static final OutputTag<Rejected> REJECTED = new OutputTag<>("account-rejected",
      TypeInformation.of(Rejected.class));

  /** Risk-array versions by underlying, oldest first: broadcast to every subtask. */
  public static final MapStateDescriptor<String, RiskArraySet[]> RISK_ARRAYS = new MapStateDescriptor<>("risk-arrays",
      Types.STRING, StateCodecs.type(RiskArraySetCodec.Versions.INSTANCE));
  /** The account book's state. */
  public static final ValueStateDescriptor<AccountState> BOOK = new ValueStateDescriptor<>("account-book",
      StateCodecs.type(AccountStateCodec.INSTANCE));
  /** What each account's last valuation guarantees: its entry in the trigger index. */
  public static final ValueStateDescriptor<SafeBands> BANDS = new ValueStateDescriptor<>("account-bands",
      StateCodecs.type(SafeBandsCodec.INSTANCE));
  /** The times of broadcast risk-array sets not yet checked against the index (the same on every subtask). */
  public static final MapStateDescriptor<Long, Boolean> UNCHECKED = new MapStateDescriptor<>("unchecked-prices",
      Types.LONG, Types.BOOLEAN);
  /** The buffer of events not yet passed by the watermark. */
  public static final String EVENTS = "events";
  public static final String TIMERS = "account-timers";
  public static final int VALUATION = 0;
  public static final int DEADLINE = 1;
  public static final int PRICE_CHECK = 2;
  /** Prefix of the keys that carry price-check timers: one per subtask, never an account. */
  static final String CHECK_KEY_PREFIX = "~price-check/";

  private final SolventConfig config;
  private final long riskArrayRetention;
  private final boolean indexed;
  private transient EventTimeBuffer<AccountInput> events;
  private transient ValueState<AccountState> book;
  private transient ValueState<SafeBands> bands;
  /** Accounts whose bands changed since the last checkpoint (the index holds them meanwhile). */
  private transient Set<String> bandsToWrite;
  private transient TriggerIndex index;
  private transient PriceChanges priceChanges;
  private transient String checkKey;
  private transient TriggerCounters counters;
  /** When each checkpoint's snapshot began here, for the benchmarks' checkpoint durations. */
  private transient TreeMap<Long, Long> snapshotStarted;
  private transient InternalTimerService<Integer> timers;
  private transient AccountBook accounts;
  private transient InstrumentCache cache;

  public AccountOperator(SolventConfig config) {
    this.config = config;
    this.riskArrayRetention = config.get(SolventConfig.RISK_ARRAY_RETENTION);
    this.indexed = config.get(SolventConfig.TRIGGER_INDEX);
  }

  /** The buffer's state, as the operator and a savepoint migration create it. */
  public static EventTimeBuffer<AccountInput> eventBuffer(RuntimeContext ctx) {
    return new EventTimeBuffer<>(ctx, EVENTS, StateCodecs.type(AccountInputCodec.INSTANCE),
        AccountInput.ORDER);
  }

  @Override
  public void open() throws Exception {
    super.open();
    events = eventBuffer(getRuntimeContext());
    book = getRuntimeContext().getState(BOOK);
    timers = getInternalTimerService(TIMERS, IntSerializer.INSTANCE, this);
    accounts = new AccountBook(RiskSettings.parameters(config), RiskSettings.book(config));
    cache = new InstrumentCache();
    bands = getRuntimeContext().getState(BANDS);
    bandsToWrite = new HashSet<>();
    priceChanges = new PriceChanges(RiskSettings.parameters(config).dynamic());
    counters = new TriggerCounters(getRuntimeContext(), getMetricGroup());
    snapshotStarted = new TreeMap<>();
    TaskInfo task = getRuntimeContext().getTaskInfo();
    checkKey = checkKey(task.getMaxNumberOfParallelSubtasks(), task.getNumberOfParallelSubtasks(),
        task.getIndexOfThisSubtask());
    rebuildIndex();
    for (var unchecked : getOperatorStateBackend().getBroadcastState(UNCHECKED).entries()) {
      registerCheck(unchecked.getKey());
    }
  }

  /** The index of this subtask's accounts, from their keyed state (a restore, or a rescale's new key groups). */
  private void rebuildIndex() throws Exception {
    index = new TriggerIndex(indexed);
    List<String> keys;
    KeyedStateBackend<String> backend = getKeyedStateBackend();
    try (Stream<String> all = backend.getKeys(BOOK.getName(), VoidNamespace.INSTANCE)) {
      keys = all.toList();
    }
    for (String key : keys) {
      setCurrentKey(key);
      SafeBands kept = bands.value();
      AccountState state = book.value();
      if (kept != null) {
        index.put(key, kept);
      } else if (state != null && state.ledger() != null && state.ledger().hasRisk()) {
        // Migrated from a layout without bands: valued at the first price of anything it holds.
        index.put(key, new SafeBands(Long.MIN_VALUE, Long.MAX_VALUE, List.of(), state.ledger().heldInstruments()));
      }
    }
  }

  /** A key of this subtask's key groups for its price-check timers. */
  static String checkKey(int maxParallelism, int parallelism, int subtask) {
    KeyGroupRange range = KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(maxParallelism, parallelism,
        subtask);
    for (int n = 0; ; n++) {
      String key = CHECK_KEY_PREFIX + n;
      if (range.contains(KeyGroupRangeAssignment.assignToKeyGroup(key, maxParallelism))) {
        return key;
      }
    }
  }

  @Override
  public void processElement1(StreamRecord<AccountInput> element) throws Exception {
    AccountInput event = element.getValue();
    events.add(event.eventTime(), event,
        time -> timers.registerEventTimeTimer(VALUATION, time));
  }

  @Override
  public void processElement2(StreamRecord<RiskArraySet> element) throws Exception {
    RiskArraySet set = element.getValue();
    BroadcastState<String, RiskArraySet[]> versions = getOperatorStateBackend().getBroadcastState(RISK_ARRAYS);
    versions.put(set.underlying(), RiskArrayVersions.add(versions.get(set.underlying()), set,
        timers.currentWatermark(), riskArrayRetention));
    getOperatorStateBackend().getBroadcastState(UNCHECKED).put(set.time(), true);
    registerCheck(set.time());
  }

  private void registerCheck(long time) {
    setCurrentKey(checkKey);
    timers.registerEventTimeTimer(PRICE_CHECK, time);
  }

  /**
   * The prices published at {@code time}, checked against the index after every valuation before it: the accounts
   * they can hurt are valued at {@code time}.
   */
  private void checkPrices(long time) throws Exception {
    BroadcastState<Long, Boolean> unchecked = getOperatorStateBackend().getBroadcastState(UNCHECKED);
    if (!unchecked.contains(time)) {
      return;
    }
    unchecked.remove(time);
    for (var entry : getOperatorStateBackend().getBroadcastState(RISK_ARRAYS).immutableEntries()) {
      RiskArraySet now = null;
      RiskArraySet before = null;
      for (RiskArraySet version : entry.getValue()) {
        if (version.time() < time) {
          before = version;
        } else if (version.time() == time) {
          now = version;
        }
      }
      if (now == null) {
        continue;
      }
      TriggerIndex.Scope scope = indexed ? priceChanges.scope(before, now) : TriggerIndex.Scope.EVERY_HOLDER;
      TriggerIndex.Due due = index.due(now.underlying(), now.spot(), priceChanges.multiplier(now), time, scope,
          PriceChanges.priced(now));
      counters.checked(time, index.holders(now.underlying()), due, scope == TriggerIndex.Scope.EVERY_HOLDER);
      // Valued here, in the index's order (the deepest crossings first: the likeliest liquidations come out first in
      // a burst), rather than each through a timer of its own. An account whose own events wait at this instant is
      // valued with them now, and their timer goes; a deadline due now then finds nothing to do, as it would after
      // its valuation's timer.
      for (String account : due.accounts()) {
        setCurrentKey(account);
        if (value(time)) {
          timers.deleteEventTimeTimer(VALUATION, time);
        }
      }
    }
  }

  @Override
  public void onEventTime(InternalTimer<String, Integer> timer) throws Exception {
    long time = timer.getTimestamp();
    if (timer.getNamespace() == PRICE_CHECK) {
      checkPrices(time);
      return;
    }
    value(time);
  }

  /** One step of the current account's book at {@code time}, with its events of that instant; whether it had any. */
  private boolean value(long time) throws Exception {
    List<AccountInput> released = events.release(time);
    List<AccountEvent> coreEvents = new ArrayList<>(released.size());
    for (AccountInput input : released) {
      coreEvents.add(input.bid() != null ? AccountEvents.bid(input.portfolioBid())
          : AccountEvents.toCore(input.event(), accounts.settings().cashAsset()));
    }
    AccountState stored = book.value();
    AccountBook.Step step = accounts.step(stored, coreEvents,
        new RiskArrayMarket(getOperatorStateBackend().getBroadcastState(RISK_ARRAYS), time, cache), time);
    for (AccountOutput decided : step.outputs()) {
      emit(decided, released, time);
    }
    counters.valued(time, released.isEmpty() && !step.outputs().isEmpty());
    String account = (String) getCurrentKey();
    index.put(account, step.bands());
    bandsToWrite.add(account);
    if (step.state() != stored) {
      book.update(step.state()); // most revaluations change nothing worth keeping: no write then
      moveDeadline(stored == null ? null : stored.pending(), step.state().pending(), time);
    }
    return !released.isEmpty();
  }

  /**
   * The bands of the accounts valued since the last checkpoint, written to keyed state before its barrier: one write
   * per account per checkpoint instead of one per valuation, and the same state as if each had been written.
   */
  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    super.prepareSnapshotPreBarrier(checkpointId);
    for (String account : bandsToWrite) {
      setCurrentKey(account);
      SafeBands latest = index.bands(account);
      if (latest == null) {
        bands.clear();
      } else {
        bands.update(latest);
      }
    }
    bandsToWrite.clear();
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    snapshotStarted.put(context.getCheckpointId(), System.nanoTime());
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    super.notifyCheckpointComplete(checkpointId);
    Long started = snapshotStarted.remove(checkpointId);
    if (started != null) {
      counters.checkpointed((System.nanoTime() - started) / 1_000_000);
    }
    snapshotStarted.headMap(checkpointId).clear(); // aborted ones
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
    } else if (decided instanceof AccountOutput.PortfolioOffered o) {
      output.collect(OFFERS, new StreamRecord<>(AccountRecords.offer(o), time));
    } else if (decided instanceof AccountOutput.BidAssessed b) {
      output.collect(ASSESSED_BIDS, new StreamRecord<>(new RiskAuctionInput.Assessed(time, released.get(b.event()),
          b.acceptable(), b.reason()), time));
    } else if (decided instanceof AccountOutput.EventRejected r) {
      output.collect(REJECTED, new StreamRecord<>(Rejections.of(released.get(r.event()), time,
          DeadLetterReason.valueOf(r.reason().name()), r.detail()), time));
    }
  }
}
