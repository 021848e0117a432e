package dev.solvent.job.ingest;

import dev.solvent.avro.account.AccountEvent;
import dev.solvent.avro.account.AdlFill;
import dev.solvent.avro.account.AuctionFill;
import dev.solvent.avro.account.Borrow;
import dev.solvent.avro.account.Deposit;
import dev.solvent.avro.account.LiquidationFill;
import dev.solvent.avro.account.Repay;
import dev.solvent.avro.account.Trade;
import dev.solvent.avro.account.Withdrawal;
import dev.solvent.avro.bids.AuctionBid;
import dev.solvent.avro.bids.Bid;
import dev.solvent.avro.riskbids.BidPosition;
import dev.solvent.avro.riskbids.PortfolioBid;
import dev.solvent.avro.riskbids.RiskBid;
import dev.solvent.avro.deadletter.DeadLetterReason;
import dev.solvent.avro.instruments.Instrument;
import dev.solvent.avro.instruments.InstrumentUpdate;
import dev.solvent.avro.ticks.MarketTick;
import dev.solvent.avro.ticks.Quote;
import dev.solvent.avro.vols.MarketVol;
import dev.solvent.avro.vols.VolQuote;
import dev.solvent.job.model.Instruments;
import java.math.BigDecimal;

/**
 * Content checks of each input topic that need no state: prices positive, quantities of the right sign for the
 * event, amounts positive, instrument specs well formed. Unknown accounts and instruments are checked where that
 * knowledge lives (the account stage).
 */
public final class InputRules {

  private InputRules() {}

  public static Violation check(Object record) {
    if (record instanceof MarketTick tick && tick.getPayload() instanceof Quote q) {
      return firstOf(positive("payload.price", q.getPrice(), DeadLetterReason.INVALID_PRICE),
          nonNegative("payload.bidDepth1Pct", q.getBidDepth1Pct()), nonNegative("payload.askDepth1Pct",
              q.getAskDepth1Pct()), nonNegative("payload.bidDepth2Pct", q.getBidDepth2Pct()),
          nonNegative("payload.askDepth2Pct", q.getAskDepth2Pct()));
    }
    if (record instanceof MarketVol vol && vol.getPayload() instanceof VolQuote q) {
      return Double.isFinite(q.getImpliedVol()) && q.getImpliedVol() > 0 ? null
          : new Violation(DeadLetterReason.INVALID, "payload.impliedVol must be a positive number: " + q.getImpliedVol());
    }
    if (record instanceof InstrumentUpdate update && update.getPayload() instanceof Instrument spec) {
      try {
        Instruments.toCore(spec);
        return null;
      } catch (IllegalArgumentException e) {
        return new Violation(DeadLetterReason.INVALID, "instrument " + spec.getInstrumentId() + ": " + e.getMessage());
      }
    }
    if (record instanceof AccountEvent event) {
      return accountEvent(event.getPayload());
    }
    if (record instanceof AuctionBid bid && bid.getPayload() instanceof Bid b) {
      return firstOf(positive("payload.price", b.getPrice(), DeadLetterReason.INVALID_PRICE),
          positive("payload.debtToRepay", b.getDebtToRepay(), DeadLetterReason.INVALID_QUANTITY));
    }
    if (record instanceof RiskBid bid && bid.getPayload() instanceof PortfolioBid b) {
      return portfolioBid(b);
    }
    return null;
  }

  /** A portfolio's price may be negative (the provider is paid); the positions echo the offer's. */
  private static Violation portfolioBid(PortfolioBid b) {
    if (b.getPositions().isEmpty()) {
      return new Violation(DeadLetterReason.INVALID, "payload.positions must name the offer's positions");
    }
    for (int i = 0; i < b.getPositions().size(); i++) {
      BidPosition p = b.getPositions().get(i);
      Violation v = firstOf(nonZero("payload.positions[" + i + "].quantity", p.getQuantity()),
          positive("payload.positions[" + i + "].markPrice", p.getMarkPrice(), DeadLetterReason.INVALID_PRICE));
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static Violation accountEvent(Object payload) {
    if (payload instanceof Deposit d) {
      return positive("payload.amount", d.getAmount(), DeadLetterReason.WRONG_SIGN);
    }
    if (payload instanceof Withdrawal w) {
      return positive("payload.amount", w.getAmount(), DeadLetterReason.WRONG_SIGN);
    }
    if (payload instanceof Borrow b) {
      return positive("payload.amount", b.getAmount(), DeadLetterReason.WRONG_SIGN);
    }
    if (payload instanceof Repay r) {
      return positive("payload.amount", r.getAmount(), DeadLetterReason.WRONG_SIGN);
    }
    if (payload instanceof Trade t) {
      return firstOf(nonZero("payload.quantity", t.getQuantity()),
          positive("payload.price", t.getPrice(), DeadLetterReason.INVALID_PRICE), nonNegative("payload.fee",
              t.getFee()));
    }
    if (payload instanceof LiquidationFill f) {
      return firstOf(nonZero("payload.quantity", f.getQuantity()),
          positive("payload.price", f.getPrice(), DeadLetterReason.INVALID_PRICE), nonNegative("payload.fee",
              f.getFee()));
    }
    if (payload instanceof AdlFill f) {
      return firstOf(nonZero("payload.quantity", f.getQuantity()),
          positive("payload.price", f.getPrice(), DeadLetterReason.INVALID_PRICE));
    }
    if (payload instanceof AuctionFill f) {
      return firstOf(positive("payload.debtRepaid", f.getDebtRepaid(), DeadLetterReason.WRONG_SIGN),
          positive("payload.collateralSeized", f.getCollateralSeized(), DeadLetterReason.WRONG_SIGN),
          nonNegative("payload.protocolFee", f.getProtocolFee()));
    }
    return null;
  }

  private static Violation positive(String field, BigDecimal value, DeadLetterReason reason) {
    return value.signum() > 0 ? null : new Violation(reason, field + " must be positive: " + value.toPlainString());
  }

  private static Violation nonZero(String field, BigDecimal value) {
    return value.signum() != 0 ? null : new Violation(DeadLetterReason.INVALID_QUANTITY, field + " must not be zero");
  }

  private static Violation nonNegative(String field, BigDecimal value) {
    return value == null || value.signum() >= 0 ? null
        : new Violation(DeadLetterReason.WRONG_SIGN, field + " must not be negative: " + value.toPlainString());
  }

  private static Violation firstOf(Violation... violations) {
    for (Violation v : violations) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
