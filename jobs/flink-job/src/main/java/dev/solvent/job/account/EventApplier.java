package dev.solvent.job.account;

import dev.solvent.avro.account.AccountEvent;
import dev.solvent.avro.account.AdlFill;
import dev.solvent.avro.account.AuctionFill;
import dev.solvent.avro.account.Borrow;
import dev.solvent.avro.account.Deposit;
import dev.solvent.avro.account.FundingPayment;
import dev.solvent.avro.account.LiquidationFill;
import dev.solvent.avro.account.Repay;
import dev.solvent.avro.account.Trade;
import dev.solvent.avro.account.Withdrawal;
import dev.solvent.avro.deadletter.DeadLetterReason;
import dev.solvent.avro.instruments.Instrument;
import dev.solvent.avro.instruments.InstrumentKind;
import dev.solvent.job.ingest.Violation;
import dev.solvent.job.model.AdlPosition;
import dev.solvent.job.model.PendingLiquidation;
import dev.solvent.job.model.PendingOrder;
import dev.solvent.job.model.RiskArraySet;
import dev.solvent.job.model.Settlement;
import dev.solvent.risk.ledger.AccountLedger;
import dev.solvent.risk.ledger.LedgerPosition;
import dev.solvent.risk.settlement.FillSettlement;
import dev.solvent.risk.settlement.LiquidationSettlement;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies one account event to the exact ledger: the venue's log is the only thing that changes balances and
 * positions. A liquidation fill of a pending order settles against that order's bankruptcy price (penalty to the
 * fund, or deficit from it). Events naming an instrument or asset that has never been priced are rejected.
 */
final class EventApplier {

  private final String cashAsset;

  EventApplier(String cashAsset) {
    this.cashAsset = cashAsset;
  }

  /** The ledger after the event and what else the event caused, or the rejection. */
  record Result(AccountLedger ledger, PendingLiquidation pending, Settlement settlement, List<AdlPosition> adlPositions,
      Violation rejection) {

    static Result rejected(DeadLetterReason reason, String detail) {
      return new Result(null, null, null, List.of(), new Violation(reason, detail));
    }
  }

  Result apply(AccountLedger books, AccountEvent event, long time, Valuation.Sets sets, Valuation.InstrumentCache cache,
      PendingLiquidation pending) throws Exception {
    Object payload = event.getPayload();
    if (payload instanceof Deposit d) {
      return asset(d.getAsset(), InstrumentKind.SPOT_COLLATERAL, sets, books, pending,
          () -> books.deposit(d.getAsset(), d.getAmount(), cashAsset));
    }
    if (payload instanceof Withdrawal w) {
      if (!w.getAsset().equals(cashAsset) && w.getAmount().compareTo(books.collateral(w.getAsset())) > 0) {
        return overdrawn("withdraws", w.getAmount(), w.getAsset(), books.collateral(w.getAsset()), "holds");
      }
      return asset(w.getAsset(), InstrumentKind.SPOT_COLLATERAL, sets, books, pending,
          () -> books.withdraw(w.getAsset(), w.getAmount(), cashAsset));
    }
    if (payload instanceof Borrow b) {
      return asset(b.getAsset(), InstrumentKind.LOAN, sets, books, pending, () -> books.borrow(b.getAsset(),
          b.getAmount()));
    }
    if (payload instanceof Repay r) {
      BigDecimal owed = books.debt(r.getAsset());
      if (r.getAmount().compareTo(owed) > 0) {
        return overdrawn("repays", r.getAmount(), r.getAsset(), owed, "owes");
      }
      return asset(r.getAsset(), InstrumentKind.LOAN, sets, books, pending, () -> books.repay(r.getAsset(),
          r.getAmount()));
    }
    if (payload instanceof FundingPayment f) {
      return new Result(books.funding(f.getAmount()), pending, null, List.of(), null);
    }
    if (payload instanceof AuctionFill f) {
      BigDecimal owed = books.debt(f.getDebtAsset());
      BigDecimal repaid = f.getDebtRepaid();
      if (repaid.compareTo(owed) > 0 && repaid.subtract(owed).compareTo(ROUNDING_UNIT) <= 0) {
        // The auction prices in doubles and rounds what the liquidator pays up to the ledger's scale: when it
        // repays the whole debt, that rounding may exceed the debt by one unit, which closes the debt.
        repaid = owed;
      }
      if (repaid.compareTo(owed) > 0) {
        return overdrawn("repays", repaid, f.getDebtAsset(), owed, "owes");
      }
      if (f.getCollateralSeized().compareTo(books.collateral(f.getCollateralAsset())) > 0) {
        return overdrawn("seizes", f.getCollateralSeized(), f.getCollateralAsset(),
            books.collateral(f.getCollateralAsset()), "holds");
      }
      return new Result(books.auctionFill(f.getDebtAsset(), repaid, f.getCollateralAsset(),
          f.getCollateralSeized()), pending, null, List.of(), null);
    }
    if (payload instanceof Trade t) {
      return fill(books, t.getInstrumentId(), t.getQuantity(), t.getPrice(), t.getFee(), null, time, sets, pending,
          event.getSequence());
    }
    if (payload instanceof LiquidationFill f) {
      return fill(books, f.getInstrumentId(), f.getQuantity(), f.getPrice(), f.getFee(), f.getOrderId(), time, sets,
          pending, event.getSequence());
    }
    if (payload instanceof AdlFill f) {
      return fill(books, f.getInstrumentId(), f.getQuantity(), f.getPrice(), BigDecimal.ZERO, null, time, sets, pending,
          event.getSequence());
    }
    return new Result(books, pending, null, List.of(), null);
  }

  /** The smallest amount of the ledger's scale (8 decimals). */
  private static final BigDecimal ROUNDING_UNIT = new BigDecimal("0.00000001");

  /** An event taking more of an asset than the account has: rejected, the books stay whole. */
  private static Result overdrawn(String verb, BigDecimal amount, String asset, BigDecimal available, String has) {
    return Result.rejected(DeadLetterReason.INVALID_QUANTITY, "the event " + verb + " " + amount.toPlainString()
        + " " + asset + " but the account " + has + " " + available.toPlainString());
  }

  private interface LedgerChange {
    AccountLedger apply();
  }

  private Result asset(String asset, InstrumentKind kind, Valuation.Sets sets, AccountLedger books,
      PendingLiquidation pending, LedgerChange change) throws Exception {
    if (kind == InstrumentKind.SPOT_COLLATERAL && asset.equals(cashAsset)) {
      return new Result(change.apply(), pending, null, List.of(), null);
    }
    Instrument spec = spec(sets, asset);
    if (spec == null || spec.getKind() != kind) {
      return Result.rejected(DeadLetterReason.UNKNOWN_INSTRUMENT, "asset " + asset + " is not a priced "
          + (kind == InstrumentKind.LOAN ? "loan asset" : "collateral asset"));
    }
    return new Result(change.apply(), pending, null, List.of(), null);
  }

  private Result fill(AccountLedger books, String instrumentId, BigDecimal quantity, BigDecimal price, BigDecimal fee,
      String orderId, long time, Valuation.Sets sets, PendingLiquidation pending, long sequence) throws Exception {
    Instrument spec = spec(sets, instrumentId);
    if (spec == null || spec.getKind() == InstrumentKind.SPOT_COLLATERAL || spec.getKind() == InstrumentKind.LOAN) {
      return Result.rejected(DeadLetterReason.UNKNOWN_INSTRUMENT, "instrument " + instrumentId
          + " is not a priced perpetual, future or option");
    }
    BigDecimal contractSize = spec.getContractSize();
    AccountLedger updated = books.fill(instrumentId, quantity, price, contractSize, fee);
    Settlement settlement = null;
    PendingLiquidation nextPending = pending;
    PendingOrder order = orderId == null || pending == null ? null : find(pending, orderId);
    if (order != null) {
      LedgerPosition before = books.position(instrumentId);
      BigDecimal closed = quantity.abs();
      BigDecimal entry = before == null || before.isFlat() ? price : before.entryPrice(contractSize);
      FillSettlement s = LiquidationSettlement.settle(-order.side(), closed, price, entry, contractSize,
          order.bankruptcyPrice(), order.penaltyRate());
      updated = s.penalty().signum() > 0 ? updated.payPenalty(s.penalty()) : updated.coverDeficit(s.deficit());
      settlement = new Settlement(books.fundId(), time, books.accountId(), sequence, instrumentId, orderId,
          s.penalty(), s.deficit(), BigDecimal.ZERO, -order.side(), order.bankruptcyPrice().doubleValue(),
          price.doubleValue(), contractSize.doubleValue(), spec.getLotSize().doubleValue());
      nextPending = reduce(pending, orderId, closed);
    }
    List<AdlPosition> adl = new ArrayList<>();
    LedgerPosition after = updated.position(instrumentId);
    if (after == null) {
      adl.add(new AdlPosition(instrumentId, books.accountId(), time, 0, 0, 0, Double.NaN));
    }
    return new Result(updated, nextPending, settlement, adl, null);
  }

  private static Instrument spec(Valuation.Sets sets, String instrumentId) throws Exception {
    RiskArraySet set = sets.forInstrument(instrumentId);
    return set == null ? null : set.specs()[Valuation.indexOf(set, instrumentId)];
  }

  private static PendingOrder find(PendingLiquidation pending, String orderId) {
    for (PendingOrder order : pending.orders()) {
      if (order.orderId().equals(orderId)) {
        return order;
      }
    }
    return null;
  }

  private static PendingLiquidation reduce(PendingLiquidation pending, String orderId, BigDecimal filled) {
    PendingOrder[] orders = pending.orders().clone();
    for (int i = 0; i < orders.length; i++) {
      PendingOrder o = orders[i];
      if (o.orderId().equals(orderId)) {
        orders[i] = new PendingOrder(o.orderId(), o.instrumentId(), o.side(), o.remaining().subtract(filled).max(
            BigDecimal.ZERO), o.bankruptcyPrice(), o.penaltyRate());
      }
    }
    return new PendingLiquidation(pending.number(), pending.attempt(), pending.deadline(), orders);
  }
}
