package dev.solvent.job.state;

import dev.solvent.risk.account.Account;
import dev.solvent.risk.account.MarginMode;
import dev.solvent.risk.account.MarginStatus;
import dev.solvent.risk.book.AccountMemory;
import dev.solvent.risk.book.AccountState;
import dev.solvent.risk.book.PendingLiquidation;
import dev.solvent.risk.book.PendingOrder;
import dev.solvent.risk.ledger.AccountLedger;
import dev.solvent.risk.ledger.AssetAmount;
import dev.solvent.risk.ledger.LedgerPosition;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The account book's state: the exact ledger (every decimal with its scale), what it remembers of its outputs, and
 * the pending liquidation with its orders. Version 2 adds the ledger's currency (version 1 ledgers are in the quote).
 */
public final class AccountStateCodec implements StateCodec<AccountState> {

  private static final long serialVersionUID = 1L;
  public static final AccountStateCodec INSTANCE = new AccountStateCodec();

  @Override
  public String name() {
    return "account-state";
  }

  @Override
  public int version() {
    return 2;
  }

  @Override
  public Class<AccountState> type() {
    return AccountState.class;
  }

  @Override
  public void write(AccountState value, DataOutputView out) throws IOException {
    ledger(out, value.ledger());
    AccountMemory m = value.memory();
    out.writeDouble(m.lastRatio());
    Fields.enumName(out, m.lastStatus());
    out.writeLong(m.lastUpdateTime());
    out.writeLong(m.updateSequence());
    out.writeLong(m.liquidations());
    out.writeBoolean(m.auctionNotified());
    PendingLiquidation p = value.pending();
    out.writeBoolean(p != null);
    if (p != null) {
      out.writeLong(p.number());
      out.writeInt(p.attempt());
      out.writeLong(p.deadline());
      PendingOrder[] orders = p.orders();
      out.writeInt(orders.length);
      for (PendingOrder o : orders) {
        Fields.string(out, o.orderId());
        Fields.string(out, o.instrumentId());
        out.writeInt(o.side());
        Fields.decimal(out, o.remaining());
        Fields.decimal(out, o.bankruptcyPrice());
        Fields.decimal(out, o.penaltyRate());
      }
    }
  }

  @Override
  public AccountState read(int version, DataInputView in) throws IOException {
    if (version != 1 && version != 2) {
      throw Fields.unknownVersion(name(), version);
    }
    AccountLedger ledger = ledger(in, version);
    AccountMemory memory = new AccountMemory(in.readDouble(), Fields.enumName(in, MarginStatus.class), in.readLong(),
        in.readLong(), in.readLong(), in.readBoolean());
    PendingLiquidation pending = null;
    if (in.readBoolean()) {
      long number = in.readLong();
      int attempt = in.readInt();
      long deadline = in.readLong();
      PendingOrder[] orders = new PendingOrder[Fields.length(in)];
      for (int i = 0; i < orders.length; i++) {
        orders[i] = new PendingOrder(Fields.string(in), Fields.string(in), in.readInt(), Fields.decimal(in),
            Fields.decimal(in), Fields.decimal(in));
      }
      pending = new PendingLiquidation(number, attempt, deadline, orders);
    }
    return new AccountState(ledger, memory, pending);
  }

  private static void ledger(DataOutputView out, AccountLedger l) throws IOException {
    Fields.string(out, l.accountId());
    Fields.enumName(out, l.mode());
    Fields.string(out, l.fundId());
    Fields.string(out, l.currency());
    Fields.decimal(out, l.cash());
    out.writeInt(l.positions().length);
    for (LedgerPosition p : l.positions()) {
      Fields.string(out, p.instrumentId());
      Fields.decimal(out, p.quantity());
      Fields.decimal(out, p.cost());
    }
    amounts(out, l.collateral());
    amounts(out, l.debt());
    Fields.decimal(out, l.realizedPnl());
    Fields.decimal(out, l.fees());
    Fields.decimal(out, l.penalties());
    Fields.decimal(out, l.deficitsCovered());
  }

  private static AccountLedger ledger(DataInputView in, int version) throws IOException {
    String accountId = Fields.string(in);
    MarginMode mode = Fields.enumName(in, MarginMode.class);
    String fundId = Fields.string(in);
    String currency = version == 1 ? Account.QUOTE : Fields.string(in);
    var cash = Fields.decimal(in);
    LedgerPosition[] positions = new LedgerPosition[Fields.length(in)];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = new LedgerPosition(Fields.string(in), Fields.decimal(in), Fields.decimal(in));
    }
    AssetAmount[] collateral = amounts(in);
    AssetAmount[] debt = amounts(in);
    return new AccountLedger(accountId, mode, fundId, currency, cash, positions, collateral, debt, Fields.decimal(in),
        Fields.decimal(in), Fields.decimal(in), Fields.decimal(in));
  }

  private static void amounts(DataOutputView out, AssetAmount[] amounts) throws IOException {
    out.writeInt(amounts.length);
    for (AssetAmount a : amounts) {
      Fields.string(out, a.asset());
      Fields.decimal(out, a.amount());
    }
  }

  private static AssetAmount[] amounts(DataInputView in) throws IOException {
    AssetAmount[] amounts = new AssetAmount[Fields.length(in)];
    for (int i = 0; i < amounts.length; i++) {
      amounts[i] = new AssetAmount(Fields.string(in), Fields.decimal(in));
    }
    return amounts;
  }
}
