package dev.solvent.job.insurance;

import dev.solvent.avro.insurance.LedgerEntry;
import dev.solvent.avro.insurance.LedgerEntryKind;
import dev.solvent.job.common.EventTimeBuffer;
import dev.solvent.job.model.AdlRequest;
import dev.solvent.job.model.PoolInput;
import dev.solvent.job.model.Settlement;
import dev.solvent.risk.account.Account;
import dev.solvent.risk.insurance.InsuranceFund;
import dev.solvent.risk.insurance.MutualPool;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * INSURANCE_FUND stage (keyBy fund and currency, {@link Settlement#fundKey}): books seeds, penalties and deficits in
 * event-time order into the fund's ledger
 * with a contiguous sequence and the balance after each entry. A deficit larger than the balance leaves a shortfall,
 * handed to ADL as the quantity of the bankrupt position it corresponds to. With the mutual pool on, a USD fund pays
 * its premium out of each penalty and hands its shortfalls to the pool instead ({@link #POOL_INPUTS}).
 */
public final class InsuranceFundFunction extends KeyedProcessFunction<String, Settlement, LedgerEntry> {

  private static final long serialVersionUID = 1L;
  public static final OutputTag<AdlRequest> ADL_REQUESTS =
      new OutputTag<>("adl-requests", TypeInformation.of(AdlRequest.class));
  public static final OutputTag<PoolInput> POOL_INPUTS =
      new OutputTag<>("pool-inputs", TypeInformation.of(PoolInput.class));

  /** The share of every USD penalty paid into the pool; null without a pool. */
  private final BigDecimal premiumShare;

  private transient EventTimeBuffer<Settlement> settlements;
  private transient ValueState<InsuranceFund> fund;

  public InsuranceFundFunction() {
    this(null);
  }

  /** @param premiumShare the pool's share of each USD penalty, or null for funds without a pool */
  public InsuranceFundFunction(BigDecimal premiumShare) {
    this.premiumShare = premiumShare;
  }

  @Override
  public void open(OpenContext context) {
    settlements = new EventTimeBuffer<>(getRuntimeContext(), "settlements", TypeInformation.of(Settlement.class),
        Comparator.comparing(Settlement::accountId).thenComparingLong(Settlement::sequence)
            .thenComparing(Settlement::reference));
    fund = getRuntimeContext().getState(new ValueStateDescriptor<>("fund", InsuranceFund.class));
  }

  @Override
  public void processElement(Settlement settlement, Context ctx, Collector<LedgerEntry> out) throws Exception {
    settlements.add(settlement.time(), settlement, ctx.timerService()::registerEventTimeTimer);
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<LedgerEntry> out) throws Exception {
    InsuranceFund books = fund.value();
    for (Settlement s : settlements.release(time)) {
      if (books == null) {
        books = InsuranceFund.empty(s.fundId());
      }
      if (s.seed().signum() > 0) {
        books = emit(books.seed(s.seed()), s, out);
      }
      boolean pooled = premiumShare != null && Account.QUOTE.equals(s.amountCurrency());
      if (s.penalty().signum() > 0) {
        BigDecimal premium = pooled ? MutualPool.premiumOn(s.penalty(), premiumShare) : BigDecimal.ZERO;
        books = emit(books.penalty(s.penalty().subtract(premium)), s, out);
        if (premium.signum() > 0) {
          ctx.output(POOL_INPUTS, new PoolInput(PoolInput.Kind.PREMIUM, s, premium));
        }
      }
      if (s.deficit().signum() > 0) {
        for (InsuranceFund.Entry entry : books.deficit(s.deficit())) {
          books = emit(entry, s, out);
          if (entry.kind() == InsuranceFund.Kind.SHORTFALL) {
            if (pooled) {
              ctx.output(POOL_INPUTS, new PoolInput(PoolInput.Kind.CLAIM, s, entry.shortfall()));
            } else {
              ctx.output(ADL_REQUESTS, AdlRequest.forShortfall(s, time, entry.shortfall()));
            }
          }
        }
      }
    }
    fund.update(books);
  }

  private static InsuranceFund emit(InsuranceFund.Entry entry, Settlement s, Collector<LedgerEntry> out) {
    out.collect(LedgerEntry.newBuilder()
        .setFundId(entry.fund().fundId())
        .setCurrency(s.amountCurrency())
        .setSequence(entry.sequence())
        .setEventTime(Instant.ofEpochMilli(s.time()))
        .setKind(LedgerEntryKind.valueOf(entry.kind().name()))
        .setAmount(entry.amount().setScale(8))
        .setBalanceAfter(entry.balanceAfter().setScale(8))
        .setShortfall(entry.shortfall().signum() > 0 ? entry.shortfall().setScale(8) : null)
        .setAccountId(s.accountId())
        .setInstrumentId(s.instrumentId())
        .setReference(s.reference())
        .build());
    return entry.fund();
  }
}
