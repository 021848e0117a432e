package dev.solvent.risk.book;

import dev.solvent.risk.account.MarginCalculator;
import dev.solvent.risk.adl.AdlPosition;
import dev.solvent.risk.instrument.CollateralAsset;
import dev.solvent.risk.instrument.Contract;
import dev.solvent.risk.instrument.LoanAsset;
import dev.solvent.risk.ledger.AccountLedger;
import dev.solvent.risk.ledger.LedgerPosition;
import dev.solvent.risk.ledger.Payoff;
import dev.solvent.risk.settlement.FillSettlement;
import dev.solvent.risk.settlement.LiquidationSettlement;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Supplier;

/**
 * Posts one account event to the exact ledger: the venue's log is the only thing that changes balances and
 * positions. A liquidation fill of a pending order settles against that order's bankruptcy price (penalty to the
 * fund, or deficit from it). Events naming an instrument or asset that has never been priced, or taking more than
 * the account has, are refused and the books stay whole.
 */
final class Postings {

  /** The smallest amount of the ledger's wire scale (8 decimals). */
  private static final BigDecimal ROUNDING_UNIT = new BigDecimal("0.00000001");

  private final String quoteCashAsset;

  /** @param quoteCashAsset the asset that is cash to a quote-margined account; a coin-margined one's is its coin */
  Postings(String quoteCashAsset) {
    this.quoteCashAsset = quoteCashAsset;
  }

  /** The books after the event, the liquidation still pending, and what the event caused; or why it was refused. */
  record Posted(AccountLedger ledger, PendingLiquidation pending, AccountOutput.FillSettled settlement,
      List<AdlPosition> adlPositions, Rejection rejection, String detail) {

    static Posted rejected(Rejection rejection, String detail) {
      return new Posted(null, null, null, List.of(), rejection, detail);
    }

    static Posted of(AccountLedger ledger, PendingLiquidation pending) {
      return new Posted(ledger, pending, null, List.of(), null, null);
    }
  }

  Posted post(AccountLedger books, AccountEvent event, long time, Market market, PendingLiquidation pending) {
    String cashAsset = books.coinMargined() ? books.currency() : quoteCashAsset;
    if (event instanceof AccountEvent.Deposit d) {
      return asset(d.asset(), cashAsset, CollateralAsset.class, market, pending,
          () -> books.deposit(d.asset(), d.amount(), cashAsset));
    }
    if (event instanceof AccountEvent.Withdrawal w) {
      if (!w.asset().equals(cashAsset) && w.amount().compareTo(books.collateral(w.asset())) > 0) {
        return overdrawn("withdraws", w.amount(), w.asset(), books.collateral(w.asset()), "holds");
      }
      return asset(w.asset(), cashAsset, CollateralAsset.class, market, pending,
          () -> books.withdraw(w.asset(), w.amount(), cashAsset));
    }
    if (event instanceof AccountEvent.Borrow b) {
      return asset(b.asset(), cashAsset, LoanAsset.class, market, pending, () -> books.borrow(b.asset(), b.amount()));
    }
    if (event instanceof AccountEvent.Repay r) {
      BigDecimal owed = books.debt(r.asset());
      if (r.amount().compareTo(owed) > 0) {
        return overdrawn("repays", r.amount(), r.asset(), owed, "owes");
      }
      return asset(r.asset(), cashAsset, LoanAsset.class, market, pending, () -> books.repay(r.asset(), r.amount()));
    }
    if (event instanceof AccountEvent.Funding f) {
      return Posted.of(books.funding(f.amount()), pending);
    }
    if (event instanceof AccountEvent.AuctionFill f) {
      return auctionFill(books, f, pending);
    }
    if (event instanceof AccountEvent.Trade t) {
      return fill(books, t.instrumentId(), t.quantity(), t.price(), t.fee(), null, time, market, pending,
          t.sequence());
    }
    if (event instanceof AccountEvent.LiquidationFill f) {
      return fill(books, f.instrumentId(), f.quantity(), f.price(), f.fee(), f.orderId(), time, market, pending,
          f.sequence());
    }
    if (event instanceof AccountEvent.AdlFill f) {
      return fill(books, f.instrumentId(), f.quantity(), f.price(), BigDecimal.ZERO, null, time, market, pending,
          f.sequence());
    }
    throw new IllegalArgumentException("not an event to post: " + event);
  }

  private static Posted auctionFill(AccountLedger books, AccountEvent.AuctionFill f, PendingLiquidation pending) {
    BigDecimal owed = books.debt(f.debtAsset());
    BigDecimal repaid = f.debtRepaid();
    if (repaid.compareTo(owed) > 0 && repaid.subtract(owed).compareTo(ROUNDING_UNIT) <= 0) {
      // The auction prices in doubles and rounds what the liquidator pays up to the ledger's scale: when it
      // repays the whole debt, that rounding may exceed the debt by one unit, which closes the debt.
      repaid = owed;
    }
    if (repaid.compareTo(owed) > 0) {
      return overdrawn("repays", repaid, f.debtAsset(), owed, "owes");
    }
    if (f.collateralSeized().compareTo(books.collateral(f.collateralAsset())) > 0) {
      return overdrawn("seizes", f.collateralSeized(), f.collateralAsset(), books.collateral(f.collateralAsset()),
          "holds");
    }
    return Posted.of(books.auctionFill(f.debtAsset(), repaid, f.collateralAsset(), f.collateralSeized()), pending);
  }

  /** An event taking more of an asset than the account has: refused, the books stay whole. */
  private static Posted overdrawn(String verb, BigDecimal amount, String asset, BigDecimal available, String has) {
    return Posted.rejected(Rejection.INVALID_QUANTITY, "the event " + verb + " " + amount.toPlainString() + " "
        + asset + " but the account " + has + " " + available.toPlainString());
  }

  private Posted asset(String asset, String cashAsset, Class<?> kind, Market market,
      PendingLiquidation pending, Supplier<AccountLedger> change) {
    if (kind == CollateralAsset.class && asset.equals(cashAsset)) {
      return Posted.of(change.get(), pending);
    }
    if (!cashAsset.equals(quoteCashAsset)) {
      return Posted.rejected(Rejection.INVALID, "a coin-margined account holds only its coin " + cashAsset
          + ", not " + asset);
    }
    PricedInstrument priced = market.priced(asset);
    if (priced == null || !kind.isInstance(priced.instrument())) {
      return Posted.rejected(Rejection.UNKNOWN_INSTRUMENT, "asset " + asset + " is not a priced "
          + (kind == LoanAsset.class ? "loan asset" : "collateral asset"));
    }
    return Posted.of(change.get(), pending);
  }

  private static Posted fill(AccountLedger books, String instrumentId, BigDecimal quantity, BigDecimal price,
      BigDecimal fee, String orderId, long time, Market market, PendingLiquidation pending, long sequence) {
    PricedInstrument priced = market.priced(instrumentId);
    if (priced == null || !(priced.instrument() instanceof Contract contract)) {
      return Posted.rejected(Rejection.UNKNOWN_INSTRUMENT, "instrument " + instrumentId
          + " is not a priced perpetual, future or option");
    }
    String settles = MarginCalculator.settlementCurrency(contract);
    PricedInstrument coin = market.priced(settles);
    if (!settles.equals(books.currency()) && !MarginCalculator.holdsAcrossCurrencies(books.currency(), books.mode(),
        coin == null ? null : coin.instrument())) {
      return Posted.rejected(Rejection.INVALID, "instrument " + instrumentId + " settles in " + settles
          + " and account " + books.accountId() + " is margined in " + books.currency() + " (" + books.mode()
          + "): only a USD account in CROSS mode holds contracts settled in a coin, with the coin listed as a "
          + "collateral asset");
    }
    BigDecimal contractSize = priced.contractSize();
    Payoff payoff = Payoff.of(contract);
    // Fills, fees, penalties and deficits of a coin-settled contract are in its coin (README "Cross-currency").
    AccountLedger updated = books.fill(instrumentId, quantity, price, contractSize, payoff, fee, settles);
    AccountOutput.FillSettled settlement = null;
    PendingLiquidation nextPending = pending;
    PendingOrder order = orderId == null || pending == null ? null : pending.order(orderId);
    if (order != null) {
      LedgerPosition before = books.position(instrumentId);
      BigDecimal closed = quantity.abs();
      BigDecimal entry = before == null || before.isFlat() ? price : before.entryPrice(contractSize, payoff);
      FillSettlement s = LiquidationSettlement.settle(-order.side(), closed, price, entry, contractSize, payoff,
          order.bankruptcyPrice(), order.penaltyRate());
      updated = s.penalty().signum() > 0 ? updated.payPenalty(s.penalty(), settles)
          : updated.coverDeficit(s.deficit(), settles);
      settlement = new AccountOutput.FillSettled(books.fundId(), time, books.accountId(), sequence, instrumentId,
          orderId, s.penalty(), s.deficit(), -order.side(), order.bankruptcyPrice().doubleValue(),
          price.doubleValue(), contractSize.doubleValue(), contract.lotSize(), settles, payoff);
      nextPending = pending.fill(orderId, closed);
    }
    List<AdlPosition> adl = updated.position(instrumentId) == null
        ? List.of(AdlPosition.closed(instrumentId, books.accountId(), time)) : List.of();
    return new Posted(updated, nextPending, settlement, adl, null, null);
  }
}
