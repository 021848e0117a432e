package dev.solvent.job.exposure;

import dev.solvent.avro.account.AdlFill;
import dev.solvent.avro.account.AuctionFill;
import dev.solvent.avro.account.Borrow;
import dev.solvent.avro.account.Deposit;
import dev.solvent.avro.account.LiquidationFill;
import dev.solvent.avro.account.Repay;
import dev.solvent.avro.account.Trade;
import dev.solvent.avro.account.Withdrawal;
import dev.solvent.job.model.AccountInput;
import dev.solvent.job.model.HoldingChange;
import java.math.BigDecimal;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** What each account event changes in who-holds-what (cash moves nobody's exposure). */
public final class HoldingChanges implements FlatMapFunction<AccountInput, HoldingChange> {

  private static final long serialVersionUID = 1L;
  private final String cashAsset;

  public HoldingChanges(String cashAsset) {
    this.cashAsset = cashAsset;
  }

  @Override
  public void flatMap(AccountInput input, Collector<HoldingChange> out) {
    var event = input.event();
    long time = event.getEventTime().toEpochMilli();
    long sequence = event.getSequence();
    Object p = event.getPayload();
    if (p instanceof Trade t) {
      out.collect(position(t.getInstrumentId(), t.getAccountId(), time, sequence, t.getQuantity()));
    } else if (p instanceof LiquidationFill f) {
      out.collect(position(f.getInstrumentId(), f.getAccountId(), time, sequence, f.getQuantity()));
    } else if (p instanceof AdlFill f) {
      out.collect(position(f.getInstrumentId(), f.getAccountId(), time, sequence, f.getQuantity()));
    } else if (p instanceof Deposit d && !d.getAsset().equals(cashAsset)) {
      out.collect(position(d.getAsset(), d.getAccountId(), time, sequence, d.getAmount()));
    } else if (p instanceof Withdrawal w && !w.getAsset().equals(cashAsset)) {
      out.collect(position(w.getAsset(), w.getAccountId(), time, sequence, w.getAmount().negate()));
    } else if (p instanceof Borrow b) {
      out.collect(new HoldingChange(b.getAsset(), b.getAccountId(), time, sequence, BigDecimal.ZERO, b.getAmount()));
    } else if (p instanceof Repay r) {
      out.collect(new HoldingChange(r.getAsset(), r.getAccountId(), time, sequence, BigDecimal.ZERO,
          r.getAmount().negate()));
    } else if (p instanceof AuctionFill f) {
      out.collect(position(f.getCollateralAsset(), f.getAccountId(), time, sequence,
          f.getCollateralSeized().negate()));
      out.collect(new HoldingChange(f.getDebtAsset(), f.getAccountId(), time, sequence, BigDecimal.ZERO,
          f.getDebtRepaid().negate()));
    }
  }

  private static HoldingChange position(String instrumentId, String accountId, long time, long sequence,
      BigDecimal quantity) {
    return new HoldingChange(instrumentId, accountId, time, sequence, quantity, BigDecimal.ZERO);
  }
}
