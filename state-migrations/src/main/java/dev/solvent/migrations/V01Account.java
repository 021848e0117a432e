package dev.solvent.migrations;

import dev.solvent.job.Stage;
import dev.solvent.job.account.AccountOperator;
import dev.solvent.job.common.EventTimeBuffer;
import dev.solvent.job.model.AccountInput;
import dev.solvent.job.model.RiskArraySet;
import dev.solvent.job.state.AccountInputCodec;
import dev.solvent.job.state.AccountStateCodec;
import dev.solvent.job.state.CodecSerializer;
import dev.solvent.job.state.RiskArraySetCodec;
import dev.solvent.risk.account.MarginStatus;
import dev.solvent.risk.book.AccountMemory;
import dev.solvent.risk.book.AccountState;
import dev.solvent.risk.book.PendingLiquidation;
import dev.solvent.risk.book.PendingOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.base.IntSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.ObjectArrayTypeInfo;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.util.Collector;

/**
 * The account stage from v0.1 (KeyedBroadcastProcessFunction, POJO state) to the account book's layout: the account
 * state becomes the core's {@link AccountState} (its last status an enum; none instead of ""), the buffered events and
 * the broadcast risk arrays keep their content in codecs, and the timers move into the stage's own service: every
 * v0.1 timer is a valuation, and a pending liquidation's deadline still ahead gets its deadline timer too.
 */
final class V01Account {

  /** The v0.1 broadcast state's type. */
  static final TypeInformation<RiskArraySet[]> V01_ARRAYS =
      ObjectArrayTypeInfo.getInfoFor(RiskArraySet[].class, TypeInformation.of(RiskArraySet.class));
  static final String V01_ARRAYS_STATE = "risk-arrays";

  private static final CodecSerializer<AccountState> BOOK = new CodecSerializer<>(AccountStateCodec.INSTANCE);
  private static final CodecSerializer<AccountInput> EVENTS = new CodecSerializer<>(AccountInputCodec.INSTANCE);
  private static final CodecSerializer<RiskArraySet[]> ARRAYS =
      new CodecSerializer<>(RiskArraySetCodec.Versions.INSTANCE);

  private V01Account() {}

  /** @param arrays the v0.1 broadcast state (the same on every subtask), written to every new subtask */
  static StageMigration migration(List<Tuple2<String, RiskArraySet[]>> arrays, Set<Long> pendingTicks)
      throws Exception {
    Image.Writer broadcast = new Image.Writer();
    broadcast.list(StringSerializer.INSTANCE, arrays.stream().map(t -> t.f0).toList());
    broadcast.list(ARRAYS, arrays.stream().map(t -> t.f1).toList());
    broadcast.longs(pendingTicks);
    return new StageMigration(Stage.ACCOUNT, 1, new Reader(), new Writer(broadcast.bytes()), List.of(
        "account (v0.1 AccountState, POJO) -> account-book (codec account-state v1): last status as an enum",
        "events (AccountInput, POJO) -> events (codec account-input v1), same inputs in the same order",
        "risk-arrays broadcast (RiskArraySet[], POJO) -> risk-arrays (codec risk-array-set-versions v1)",
        "timers user-timers -> account-timers: each as a valuation; pending deadlines also as deadlines",
        "unchecked-prices broadcast (new): the exposure stage's buffered price ticks, checked on restore",
        "account-bands (new): none; each account is valued at the first price of anything it holds"));
  }

  static final class Reader extends KeyedStateReaderFunction<String, KeyedImage> {
    private static final long serialVersionUID = 1L;
    private transient V01Buffer<AccountInput> events;
    private transient ValueState<dev.solvent.job.model.AccountState> account;

    @Override
    public void open(OpenContext context) {
      events = new V01Buffer<>(getRuntimeContext(), "events", TypeInformation.of(AccountInput.class));
      account = getRuntimeContext().getState(new ValueStateDescriptor<>("account",
          dev.solvent.job.model.AccountState.class));
    }

    @Override
    public void readKey(String key, Context ctx, Collector<KeyedImage> out) throws Exception {
      AccountState book = convert(account.value());
      List<V01Buffer.Buffered<AccountInput>> buffered = events.all();
      Set<Long> timers = ctx.registeredEventTimeTimers();
      List<Long> deadlines = new ArrayList<>();
      PendingLiquidation pending = book == null ? null : book.pending();
      if (pending != null && pending.escalates() && timers.contains(pending.deadline())) {
        deadlines.add(pending.deadline());
      }
      out.collect(new KeyedImage(key, new Image.Writer().value(BOOK, book)
          .longs(buffered.stream().map(V01Buffer.Buffered::time).toList())
          .list(EVENTS, buffered.stream().map(V01Buffer.Buffered::input).toList())
          .longs(timers).longs(deadlines).bytes()));
    }
  }

  static AccountState convert(dev.solvent.job.model.AccountState v01) {
    if (v01 == null) {
      return null;
    }
    dev.solvent.job.model.AccountMemory m = v01.memory();
    AccountMemory memory = new AccountMemory(m.lastRatio(),
        m.lastStatus().isEmpty() ? null : MarginStatus.valueOf(m.lastStatus()), m.lastUpdateTime(),
        m.updateSequence(), m.liquidations(), m.auctionNotified());
    dev.solvent.job.model.PendingLiquidation p = v01.pending();
    PendingLiquidation pending = null;
    if (p != null) {
      PendingOrder[] orders = new PendingOrder[p.orders().length];
      for (int i = 0; i < orders.length; i++) {
        dev.solvent.job.model.PendingOrder o = p.orders()[i];
        orders[i] = new PendingOrder(o.orderId(), o.instrumentId(), o.side(), o.remaining(), o.bankruptcyPrice(),
            o.penaltyRate());
      }
      pending = new PendingLiquidation(p.number(), p.attempt(), p.deadline(), orders);
    }
    return new AccountState(v01.ledger(), memory, pending);
  }

  static final class Writer implements ImageWriter.Stage {
    private static final long serialVersionUID = 1L;
    private final byte[] broadcast;
    private transient ValueState<AccountState> book;
    private transient EventTimeBuffer<AccountInput> events;
    private transient InternalTimerService<Integer> timers;

    Writer(byte[] broadcast) {
      this.broadcast = broadcast;
    }

    @Override
    public void open(ImageWriter operator) throws Exception {
      Image.Reader in = new Image.Reader(broadcast);
      List<String> underlyings = in.list(StringSerializer.INSTANCE);
      List<RiskArraySet[]> versions = in.list(ARRAYS);
      BroadcastState<String, RiskArraySet[]> state =
          operator.getOperatorStateBackend().getBroadcastState(AccountOperator.RISK_ARRAYS);
      for (int i = 0; i < underlyings.size(); i++) {
        state.put(underlyings.get(i), versions.get(i));
      }
      BroadcastState<Long, Boolean> unchecked =
          operator.getOperatorStateBackend().getBroadcastState(AccountOperator.UNCHECKED);
      for (long time : in.longs()) {
        unchecked.put(time, true);
      }
      book = operator.getRuntimeContext().getState(AccountOperator.BOOK);
      events = AccountOperator.eventBuffer(operator.getRuntimeContext());
      timers = operator.timers(AccountOperator.TIMERS, IntSerializer.INSTANCE);
    }

    @Override
    public void write(ImageWriter operator, KeyedImage image) throws Exception {
      Image.Reader in = new Image.Reader(image.bytes());
      AccountState state = in.value(BOOK);
      List<Long> times = in.longs();
      List<AccountInput> inputs = in.list(EVENTS);
      if (state != null) {
        book.update(state);
      }
      for (int i = 0; i < times.size(); i++) {
        events.add(times.get(i), inputs.get(i), time -> { }); // their timers are among the v0.1 timers
      }
      for (long time : in.longs()) {
        timers.registerEventTimeTimer(AccountOperator.VALUATION, time);
      }
      for (long time : in.longs()) {
        timers.registerEventTimeTimer(AccountOperator.DEADLINE, time);
      }
    }
  }
}
