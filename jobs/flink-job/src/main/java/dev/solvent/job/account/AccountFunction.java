package dev.solvent.job.account;

import dev.solvent.avro.account.AccountEvent;
import dev.solvent.avro.account.AccountOpened;
import dev.solvent.avro.calls.MarginCall;
import dev.solvent.avro.deadletter.DeadLetterReason;
import dev.solvent.avro.liquidation.LiquidationKind;
import dev.solvent.avro.liquidation.LiquidationOrder;
import dev.solvent.avro.margin.MarginUpdate;
import dev.solvent.job.common.EventTimeBuffer;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.job.model.AccountInput;
import dev.solvent.job.model.AccountMemory;
import dev.solvent.job.model.AccountState;
import dev.solvent.job.model.AccountStageInput;
import dev.solvent.job.model.AdlPosition;
import dev.solvent.job.model.LendingStatus;
import dev.solvent.job.model.PendingLiquidation;
import dev.solvent.job.model.PendingOrder;
import dev.solvent.job.model.Rejected;
import dev.solvent.job.model.RiskArraySet;
import dev.solvent.job.model.Settlement;
import dev.solvent.risk.account.MarginAssessment;
import dev.solvent.risk.instrument.Contract;
import dev.solvent.risk.account.MarginCalculator;
import dev.solvent.risk.account.MarginMode;
import dev.solvent.risk.account.MarginStatus;
import dev.solvent.risk.account.PositionRisk;
import dev.solvent.risk.account.RiskParameters;
import dev.solvent.risk.liquidation.LiquidationPlan;
import dev.solvent.risk.liquidation.LiquidationPolicy;
import dev.solvent.risk.liquidation.MarginDecision;
import dev.solvent.risk.liquidation.PartialLiquidationPlanner;
import dev.solvent.risk.liquidation.PlannedOrder;
import dev.solvent.risk.ledger.AccountLedger;
import dev.solvent.risk.ledger.LedgerPosition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ObjectArrayTypeInfo;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * ACCOUNT stage (keyBy account; risk arrays broadcast). Holds each account's exact ledger, applies its events and
 * revalues it in strict event-time order, once per timestamp however many triggers arrive. Emits margin updates (when
 * the ratio moved more than the step, the status changed or the heartbeat elapsed), margin calls, liquidation orders
 * from the partial-liquidation planner (one liquidation at a time, escalated when unfilled), settlements of
 * liquidation fills for the insurance fund, positions for the ADL ranking and lending health for the auctions.
 */
public final class AccountFunction
    extends KeyedBroadcastProcessFunction<String, AccountStageInput, RiskArraySet, MarginUpdate> {

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

  /** Risk-array versions by underlying, newest last: broadcast to every subtask. */
  public static final MapStateDescriptor<String, RiskArraySet[]> RISK_ARRAYS = new MapStateDescriptor<>("risk-arrays",
      Types.STRING, ObjectArrayTypeInfo.getInfoFor(RiskArraySet[].class, TypeInformation.of(RiskArraySet.class)));

  private final SolventConfig config;
  private final long retention;
  private final double updateStep;
  private final long updateHeartbeat;
  private final long timeout;
  private final int maxReplans;
  private final boolean fullLiquidation;

  private transient EventTimeBuffer<AccountInput> events;
  private transient ValueState<AccountState> state;
  private transient LiquidationPolicy policy;
  private transient PartialLiquidationPlanner planner;
  private transient MarginCalculator calculator;
  private transient Valuation.InstrumentCache cache;
  private transient EventApplier applier;
  private transient MarginRecords records;

  public AccountFunction(SolventConfig config) {
    this.config = config;
    this.retention = config.get(SolventConfig.RISK_ARRAY_RETENTION);
    this.updateStep = config.get(SolventConfig.UPDATE_STEP);
    this.updateHeartbeat = config.get(SolventConfig.UPDATE_HEARTBEAT);
    this.timeout = config.get(SolventConfig.LIQUIDATION_TIMEOUT);
    this.maxReplans = config.get(SolventConfig.MAX_REPLANS);
    this.fullLiquidation = config.get(SolventConfig.LIQUIDATION_MODE) == dev.solvent.risk.liquidation.LiquidationMode.FULL;
  }

  @Override
  public void open(OpenContext context) {
    events = new EventTimeBuffer<>(getRuntimeContext(), "events", TypeInformation.of(AccountInput.class),
        Comparator.comparingLong((AccountInput in) -> in.event().getSequence()));
    state = getRuntimeContext().getState(new ValueStateDescriptor<>("account", AccountState.class));
    RiskParameters parameters = RiskSettings.parameters(config);
    calculator = new MarginCalculator(parameters);
    policy = new LiquidationPolicy(calculator);
    planner = new PartialLiquidationPlanner(calculator);
    cache = new Valuation.InstrumentCache();
    applier = new EventApplier(config.get(SolventConfig.CASH_ASSET));
    records = new MarginRecords(parameters, config.get(SolventConfig.HORIZON));
  }

  @Override
  public void processElement(AccountStageInput input, ReadOnlyContext ctx, Collector<MarginUpdate> out)
      throws Exception {
    if (input.event() != null) {
      events.add(input.event().event().getEventTime().toEpochMilli(), input.event(), ctx.timerService());
    } else {
      // A revalue trigger carries nothing but its time: a timer (deduplicated per key and time) is all it needs.
      ctx.timerService().registerEventTimeTimer(input.revalue().time());
    }
  }

  @Override
  public void processBroadcastElement(RiskArraySet set, Context ctx, Collector<MarginUpdate> out) throws Exception {
    BroadcastState<String, RiskArraySet[]> state = ctx.getBroadcastState(RISK_ARRAYS);
    RiskArraySet[] versions = state.get(set.underlying());
    List<RiskArraySet> kept = new ArrayList<>();
    // Keep what a buffered account event may still need: versions within the retention before this operator's
    // watermark (not before the newest set: in a replay the prices run ahead of the account events, and pruning by
    // the newest set would drop the versions the earliest events need), plus the one before them.
    long mark = Math.min(set.time(), ctx.currentWatermark());
    long horizon = mark == Long.MIN_VALUE ? Long.MIN_VALUE : mark - retention;
    RiskArraySet lastBefore = null;
    for (RiskArraySet v : versions == null ? new RiskArraySet[0] : versions) {
      if (v.time() >= horizon) {
        kept.add(v);
      } else {
        lastBefore = v;
      }
    }
    if (lastBefore != null) {
      kept.add(0, lastBefore);
    }
    kept.add(set);
    kept.sort(Comparator.comparingLong(RiskArraySet::time));
    state.put(set.underlying(), kept.toArray(RiskArraySet[]::new));
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<MarginUpdate> out) throws Exception {
    ReadOnlyBroadcastState<String, RiskArraySet[]> arrays = ctx.getBroadcastState(RISK_ARRAYS);
    java.util.Map<String, RiskArraySet> found = new java.util.HashMap<>();
    Valuation.Sets sets = instrumentId -> {
      RiskArraySet set = found.get(instrumentId);
      if (set == null && !found.containsKey(instrumentId)) {
        set = latestFor(arrays, instrumentId, time);
        found.put(instrumentId, set);
      }
      return set;
    };
    AccountState stored = state.value();
    AccountState account = stored == null ? AccountState.NONE : stored;
    for (AccountInput event : events.release(time)) {
      account = apply(account, event, time, sets, ctx);
    }
    PendingLiquidation open = account.pending();
    // Due at the deadline, or at the first valuation after it (a deadline met by a stale price waits for a fresh one).
    boolean escalate = open != null && time >= open.deadline();
    // An account that just lost its last risk (closed, liquidated) is valued once more: its final update reports
    // the equity the liquidation left, which is what its owner and the support desk ask about.
    boolean hadRisk = stored != null && stored.ledger() != null && stored.ledger().hasRisk();
    if (account.ledger() != null && (account.ledger().hasRisk() || hadRisk)) {
      account = value(account, time, sets, escalate, ctx, out);
    }
    if (account.ledger() != null && account != stored) {
      state.update(account); // most revaluations change nothing worth keeping: no write then
    }
  }

  private AccountState apply(AccountState account, AccountInput input, long time, Valuation.Sets sets,
      OnTimerContext ctx) throws Exception {
    AccountEvent event = input.event();
    AccountLedger books = account.ledger();
    if (event.getPayload() instanceof AccountOpened opened) {
      if (books != null) {
        reject(ctx, input, time, DeadLetterReason.INVALID, "account " + opened.getAccountId() + " is already open");
        return account;
      }
      return account.withLedger(AccountLedger.open(opened.getAccountId(),
          MarginMode.valueOf(opened.getMarginMode().name()), opened.getFundId()));
    }
    if (books == null) {
      reject(ctx, input, time, DeadLetterReason.UNKNOWN_ACCOUNT, "no AccountOpened for account " + ctx.getCurrentKey());
      return account;
    }
    EventApplier.Result result = applier.apply(books, event, time, sets, cache, account.pending());
    if (result.rejection() != null) {
      reject(ctx, input, time, result.rejection().reason(), result.rejection().detail());
      return account;
    }
    if (result.settlement() != null) {
      ctx.output(SETTLEMENTS, result.settlement());
    }
    for (AdlPosition position : result.adlPositions()) {
      ctx.output(ADL_POSITIONS, position);
    }
    PendingLiquidation pending = result.pending() == null || result.pending().filled() ? null : result.pending();
    return new AccountState(result.ledger(), account.memory(), pending);
  }

  private AccountState value(AccountState account, long time, Valuation.Sets sets, boolean escalate,
      OnTimerContext ctx, Collector<MarginUpdate> out) throws Exception {
    AccountLedger books = account.ledger();
    Valuation valuation = Valuation.of(books, sets, time, cache);
    if (valuation == null) {
      return account; // an instrument without a price yet: valued once its first oracle price arrives
    }
    MarginDecision decision = policy.decide(valuation.account, valuation.instruments, valuation.market);
    MarginAssessment a = decision.assessment();
    AccountMemory last = account.memory();
    boolean statusChanged = !a.status().name().equals(last.lastStatus());
    boolean moved = Double.isNaN(last.lastRatio()) || relativeMove(last.lastRatio(), a.marginRatio()) > updateStep;
    boolean heartbeat = time - last.lastUpdateTime() >= updateHeartbeat;
    AccountMemory next = last;
    if (statusChanged || moved || heartbeat) {
      long sequence = last.updateSequence() + 1;
      java.math.BigDecimal equity = books.mode() == MarginMode.LENDING ? java.math.BigDecimal.valueOf(a.equity())
          : Valuation.exactEquity(books, valuation);
      out.collect(records.marginUpdate(a, equity, time, sequence, time - valuation.oldestSourceTime));
      if (a.status() == MarginStatus.MARGIN_CALL) {
        ctx.output(CALLS, records.marginCall(a, equity, time));
      }
      for (PositionRisk p : a.positions()) {
        double entry = entryPrice(books, p.instrumentId(), valuation);
        if (Math.signum(p.quantity()) * (p.markPrice() - entry) > 0) {
          // Only positions in profit can be deleveraged; the ADL stage re-checks profit when it ranks.
          ctx.output(ADL_POSITIONS, new AdlPosition(p.instrumentId(), books.accountId(), time, p.quantity(), entry,
              p.markPrice(), p.bankruptcyPrice()));
        }
      }
      next = new AccountMemory(a.marginRatio(), a.status().name(), time, sequence, last.liquidations(),
          last.auctionNotified());
    }
    if (books.mode() == MarginMode.LENDING) {
      boolean underwater = a.liquidatable();
      if (underwater || next.auctionNotified()) {
        ctx.output(LENDING, LendingStatuses.of(books, a, valuation, time));
      }
      if (underwater != next.auctionNotified()) {
        next = new AccountMemory(next.lastRatio(), next.lastStatus(), next.lastUpdateTime(), next.updateSequence(),
            next.liquidations(), underwater);
      }
      return next == last ? account : account.withMemory(next);
    }
    AccountState valued = next == last ? account : account.withMemory(next);
    return valuation.stale ? valued : liquidate(decision, valued, valuation, time, escalate, ctx);
  }

  private AccountState liquidate(MarginDecision decision, AccountState account, Valuation valuation, long time,
      boolean escalate, OnTimerContext ctx) {
    AccountLedger books = account.ledger();
    AccountMemory memory = account.memory();
    PendingLiquidation open = account.pending();
    if (open != null && !escalate) {
      return account; // one liquidation at a time
    }
    if (!(decision instanceof MarginDecision.Liquidate liquidate)) {
      // Back above maintenance before the deadline: nothing left to escalate.
      return open == null ? account : account.withPending(null);
    }
    LiquidationPlan plan = fullLiquidation
        ? planner.planFull(valuation.account, valuation.instruments, valuation.market) : liquidate.plan();
    long number = open != null ? open.number() : memory.liquidations() + 1;
    int attempt = open != null ? open.attempt() + 1 : 1;
    LiquidationKind kind = open == null ? (plan.kind() == dev.solvent.risk.liquidation.LiquidationKind.PARTIAL
        ? LiquidationKind.PARTIAL : LiquidationKind.FULL)
        : attempt <= maxReplans + 1 ? LiquidationKind.REPLAN : LiquidationKind.TAKEOVER;
    if (open != null && attempt > maxReplans + 2) {
      // Taken over and still unfilled: left for the venue and counted as stuck; no further escalation.
      return account.withPending(new PendingLiquidation(number, attempt, Long.MAX_VALUE, open.orders()));
    }
    // Replaced orders stay known (late fills still settle against them) but no longer count as outstanding.
    List<PendingOrder> orders = new ArrayList<>();
    for (PendingOrder old : open == null ? new PendingOrder[0] : open.orders()) {
      orders.add(new PendingOrder(old.orderId(), old.instrumentId(), old.side(), java.math.BigDecimal.ZERO,
          old.bankruptcyPrice(), old.penaltyRate()));
    }
    List<PlannedOrder> planned = kind == LiquidationKind.TAKEOVER
        ? planner.planFull(valuation.account, valuation.instruments, valuation.market).orders() : plan.orders();
    if (planned.isEmpty()) {
      return account;
    }
    for (PlannedOrder order : planned) {
      LiquidationOrder emitted = records.order(books.accountId(), number, attempt, kind, order, plan, valuation, time);
      ctx.output(ORDERS, emitted);
      orders.add(new PendingOrder(emitted.getOrderId(), order.instrumentId(), order.side(), emitted.getQuantity(),
          emitted.getBankruptcyPrice(), java.math.BigDecimal.valueOf(Contract.of(valuation.instruments.get(order.instrumentId())).penaltyRate())));
    }
    long deadline = time + timeout;
    ctx.timerService().registerEventTimeTimer(deadline);
    AccountMemory counted = new AccountMemory(memory.lastRatio(), memory.lastStatus(), memory.lastUpdateTime(),
        memory.updateSequence(), number, memory.auctionNotified());
    return new AccountState(books, counted, new PendingLiquidation(number, attempt, deadline,
        orders.toArray(PendingOrder[]::new)));
  }

  private RiskArraySet latestFor(ReadOnlyBroadcastState<String, RiskArraySet[]> arrays, String instrumentId, long time)
      throws Exception {
    RiskArraySet best = null;
    for (var entry : arrays.immutableEntries()) {
      RiskArraySet candidate = null;
      for (RiskArraySet version : entry.getValue()) {
        if (version.time() <= time) {
          candidate = version;
        }
      }
      if (candidate != null && Valuation.indexOf(candidate, instrumentId) >= 0) {
        best = candidate;
      }
    }
    return best;
  }

  private static double entryPrice(AccountLedger books, String instrumentId, Valuation valuation) {
    LedgerPosition p = books.position(instrumentId);
    double size = Valuation.size(valuation.instruments.get(instrumentId));
    return p == null || p.isFlat() ? 0 : p.entryPrice(size);
  }

  private static double relativeMove(double from, double to) {
    if (Double.isInfinite(from) || Double.isInfinite(to)) {
      return from == to ? 0 : Double.POSITIVE_INFINITY;
    }
    return Math.abs(to - from) / Math.max(Math.abs(from), 1e-12);
  }

  private void reject(OnTimerContext ctx, AccountInput input, long time, DeadLetterReason reason, String detail) {
    ctx.output(REJECTED, Rejections.of(input, time, reason, detail));
  }
}
