package dev.solvent.job.account;

import dev.solvent.avro.account.AccountOpened;
import dev.solvent.avro.account.AdlFill;
import dev.solvent.avro.account.AuctionFill;
import dev.solvent.avro.account.Borrow;
import dev.solvent.avro.account.Deposit;
import dev.solvent.avro.account.FundingPayment;
import dev.solvent.avro.account.LiquidationFill;
import dev.solvent.avro.account.Repay;
import dev.solvent.avro.account.Trade;
import dev.solvent.avro.account.Withdrawal;
import dev.solvent.risk.account.Account;
import dev.solvent.risk.account.MarginMode;
import dev.solvent.risk.book.AccountEvent;

/** The account.events topic's records as the account book's events (field for field; nothing else is computed). */
public final class AccountEvents {

  private AccountEvents() {}

  /**
   * The currency an asset names: the quote for the cash asset (input.cash-asset) or none, else the coin itself (an
   * account opened in it is coin-margined, a fund deposit of it seeds the fund's balance in it).
   */
  public static String currency(String asset, String cashAsset) {
    return asset == null || asset.equals(cashAsset) ? Account.QUOTE : asset;
  }

  /** @param cashAsset the quote's cash asset (input.cash-asset): an account opened in it is quote-margined */
  public static AccountEvent toCore(dev.solvent.avro.account.AccountEvent event, String cashAsset) {
    long seq = event.getSequence();
    Object p = event.getPayload();
    if (p instanceof AccountOpened o) {
      return new AccountEvent.Opened(o.getAccountId(), seq, MarginMode.valueOf(o.getMarginMode().name()),
          o.getFundId(), currency(o.getCurrency(), cashAsset));
    }
    if (p instanceof Deposit d) {
      return new AccountEvent.Deposit(d.getAccountId(), seq, d.getAsset(), d.getAmount());
    }
    if (p instanceof Withdrawal w) {
      return new AccountEvent.Withdrawal(w.getAccountId(), seq, w.getAsset(), w.getAmount());
    }
    if (p instanceof Borrow b) {
      return new AccountEvent.Borrow(b.getAccountId(), seq, b.getAsset(), b.getAmount());
    }
    if (p instanceof Repay r) {
      return new AccountEvent.Repay(r.getAccountId(), seq, r.getAsset(), r.getAmount());
    }
    if (p instanceof FundingPayment f) {
      return new AccountEvent.Funding(f.getAccountId(), seq, f.getAmount());
    }
    if (p instanceof AuctionFill f) {
      return new AccountEvent.AuctionFill(f.getAccountId(), seq, f.getDebtAsset(), f.getDebtRepaid(),
          f.getCollateralAsset(), f.getCollateralSeized());
    }
    if (p instanceof Trade t) {
      return new AccountEvent.Trade(t.getAccountId(), seq, t.getInstrumentId(), t.getQuantity(), t.getPrice(),
          t.getFee());
    }
    if (p instanceof LiquidationFill f) {
      return new AccountEvent.LiquidationFill(f.getAccountId(), seq, f.getInstrumentId(), f.getOrderId(),
          f.getQuantity(), f.getPrice(), f.getFee());
    }
    if (p instanceof AdlFill f) {
      return new AccountEvent.AdlFill(f.getAccountId(), seq, f.getInstrumentId(), f.getQuantity(), f.getPrice());
    }
    throw new IllegalArgumentException("not an account event the books take: " + p.getClass().getSimpleName());
  }

  /** A provider's bid for an offered portfolio, as its account judges it. */
  public static AccountEvent.BidPlaced bid(dev.solvent.avro.riskbids.PortfolioBid bid) {
    return new AccountEvent.BidPlaced(bid.getProviderId(), bid.getSequence(), bid.getOfferId(), bid.getPrice(),
        bid.getOfferEquity(), bid.getPositions().stream().map(p -> new AccountEvent.BidPosition(p.getInstrumentId(),
            p.getQuantity(), p.getMarkPrice())).toList());
  }
}
