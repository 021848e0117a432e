package dev.solvent.risk.auction;

import dev.solvent.risk.lending.LendingLiquidation;
import dev.solvent.risk.lending.LendingRules;
import dev.solvent.risk.lending.LendingStatus;
import dev.solvent.risk.money.Money;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A lending account's Dutch auctions as a state machine: {@link #step} takes the account's auction state and the
 * inputs of one instant (health from the account book, liquidators' bids) and returns the next state and the auction
 * events.
 *
 * <p>An auction of the account's largest collateral starts when its health factor falls under 1, at the oracle price
 * plus the start premium; it steps its price on its step times, settles with the first bid at or above the current
 * price (the earliest profitable liquidator wins the race), resets when too old or too far under the oracle, and is
 * cancelled when the account's health factor is back at the cancel level (1, or a band above it). A settled auction
 * waits (up to the maximum age) for its fill to reach the account log before another can start. Without a fresh valuation for longer than an auction may live, stepping
 * pauses until one arrives, rather than resetting forever on a stale price.
 */
public final class AuctionBook {

  /**
   * @param startPremium auctions start at oracle × (1 + premium)
   * @param maxAgeMillis an auction older than this resets
   * @param maxDiscount an auction priced more than this fraction under the oracle resets
   * @param cancelHealthFactor a running auction is cancelled once the account's health factor is back at or above
   *     this (≥ 1): above 1, a band in which an auction already running goes on, so a price that flickers around the
   *     threshold does not cancel and restart it at its premium again and again
   */
  public record Settings(DutchAuctionCurve curve, double startPremium, long maxAgeMillis, double maxDiscount,
      double cancelHealthFactor) {

    public Settings {
      if (!(cancelHealthFactor >= 1)) {
        throw new IllegalArgumentException("cancelHealthFactor must be at least 1: " + cancelHealthFactor);
      }
    }

    /** Cancelled as soon as the health factor is 1 again. */
    public Settings(DutchAuctionCurve curve, double startPremium, long maxAgeMillis, double maxDiscount) {
      this(curve, startPremium, maxAgeMillis, maxDiscount, 1);
    }
  }

  /**
   * The account's auctions after one instant, and their events in order.
   *
   * @param state the state to keep: null when nothing is (no auction ever ran and none runs)
   */
  public record Step(AuctionState state, List<AuctionOutput> outputs) {}

  private final Settings settings;
  private final DutchAuctionCurve curve;
  private final LendingLiquidation lending = new LendingLiquidation(LendingRules.AAVE_V3_3);

  public AuctionBook(Settings settings) {
    this.settings = settings;
    this.curve = settings.curve();
  }

  /**
   * @param stored the account's auction state, or null
   * @param inputs the inputs at {@code time}, in {@link AuctionInput#ORDER}
   */
  public Step step(AuctionState stored, List<AuctionInput> inputs, long time) {
    List<AuctionOutput> out = new ArrayList<>();
    AuctionState s = stored == null ? AuctionState.NONE : stored;
    for (int i = 0; i < inputs.size(); i++) {
      AuctionInput input = inputs.get(i);
      s = input instanceof AuctionInput.Health h ? onHealth(s, h.status(), time, out)
          : onBid(s, (AuctionInput.Bid) input, i, time, out);
    }
    if (s.running() != null && time == s.nextStep()) {
      s = onStep(s, time, out);
    }
    // A finished auction leaves only the count behind; an account that never had one leaves nothing.
    if (s.idle()) {
      AuctionState idle = s.auctions() == 0 ? null : AuctionState.idle(s.auctions());
      s = idle != null && idle.equals(stored) ? stored : idle;
    }
    return new Step(s, out);
  }

  private AuctionState onHealth(AuctionState s, LendingStatus status, long time, List<AuctionOutput> out) {
    boolean underwater = status.underwater();
    if (s.awaitingFill()) {
      boolean filled = status.debtUnits() != s.debtAtSettlement();
      if (!filled && time - s.settledAt() <= settings.maxAgeMillis()) {
        return new AuctionState(s.auctions(), null, s.step(), 0, status, true, s.settledAt(), s.debtAtSettlement());
      }
      s = new AuctionState(s.auctions(), null, s.step(), 0, status, false, 0, 0);
    }
    if (s.running() == null) {
      if (!underwater || status.collateralUnits() <= 0 || status.debtUnits() <= 0) {
        return new AuctionState(s.auctions(), null, 0, 0, status, false, 0, 0);
      }
      long number = s.auctions() + 1;
      DutchAuction auction = new DutchAuction(status.accountId() + "/" + number, status.accountId(), time,
          DutchAuctionCurve.top(status.collateralInDebt(), settings.startPremium()), status.collateralAsset(),
          status.debtAsset(), maxRepayable(status), status.collateralUnits(), 0);
      out.add(new AuctionOutput.Started(offer(auction, 0, time, status)));
      return new AuctionState(number, auction, 0, time + curve.stepMillis(), status, false, 0, 0);
    }
    if (status.healthFactor() >= settings.cancelHealthFactor()) {
      // An account whose debt is gone has no collateral price in debt: the offer keeps the last one it had.
      LendingStatus priced = Double.isFinite(status.collateralInDebt()) ? status : s.lastStatus();
      out.add(new AuctionOutput.Cancelled(offer(s.running(), s.step() + 1, time, priced, status.healthFactor())));
      return new AuctionState(s.auctions(), null, 0, 0, status, false, 0, 0);
    }
    if (s.nextStep() == AuctionState.PAUSED) {
      // Valued again: resume stepping.
      return new AuctionState(s.auctions(), s.running(), s.step(), time + curve.stepMillis(), status, false, 0, 0);
    }
    return new AuctionState(s.auctions(), s.running(), s.step(), s.nextStep(), status, false, 0, 0);
  }

  private AuctionState onStep(AuctionState s, long time, List<AuctionOutput> out) {
    DutchAuction auction = s.running();
    LendingStatus status = s.lastStatus();
    if (time - status.time() > settings.maxAgeMillis()) {
      // No valuation of the account for longer than an auction may live (the oracle went silent, or a replay
      // ended): stop stepping until one arrives, rather than reset forever on stale prices.
      return new AuctionState(s.auctions(), auction, s.step(), AuctionState.PAUSED, status, false, 0, 0);
    }
    double price = auction.price(curve, time);
    int step = s.step() + 1;
    double oracle = status.collateralInDebt();
    if (DutchAuctionCurve.needsReset(time - auction.startMillis(), price, oracle, settings.maxAgeMillis(),
        settings.maxDiscount())) {
      auction = auction.reset(time, DutchAuctionCurve.top(oracle, settings.startPremium()), maxRepayable(status),
          status.collateralUnits());
      out.add(new AuctionOutput.Reset(offer(auction, step, time, status)));
    } else {
      out.add(new AuctionOutput.Stepped(offer(auction, step, time, status)));
    }
    return new AuctionState(s.auctions(), auction, step, time + curve.stepMillis(), status, false, 0, 0);
  }

  private AuctionState onBid(AuctionState s, AuctionInput.Bid bid, int index, long time, List<AuctionOutput> out) {
    DutchAuction auction = s.running();
    if (auction == null || !auction.auctionId().equals(bid.auctionId())) {
      if (s.auctions() == 0) {
        out.add(new AuctionOutput.BidRejected(index, "no auction was ever run for account " + bid.accountId()));
      }
      return s; // a bid that lost the race, or came after its auction: nothing to do
    }
    double price = auction.price(curve, time);
    if (!auction.acceptable(curve, time, bid.price())) {
      return s;
    }
    LendingStatus status = s.lastStatus();
    double repaid = Math.min(bid.debtToRepay(), auction.debtToCover());
    double seized = repaid / price;
    if (seized > auction.collateralOffered()) {
      seized = auction.collateralOffered();
      repaid = seized * price;
    }
    // The liquidator's gain over the oracle value of what it repaid is the auction's bonus; the protocol takes its
    // share.
    double atOracle = repaid / status.collateralInDebt();
    double fee = Math.max(0, seized - atOracle) * status.protocolFeeRate();
    out.add(new AuctionOutput.Settled(offer(auction, s.step() + 1, time, status), bid.liquidator(),
        Money.requirement(repaid), Money.entitlement(seized), Money.entitlement(fee)));
    return new AuctionState(s.auctions(), null, s.step() + 1, 0, status, true, time, status.debtUnits());
  }

  private double maxRepayable(LendingStatus status) {
    return lending.maxRepayable(status.healthFactor(), status.debtUnits(), status.debtPrice(),
        status.totalCollateralValue());
  }

  private AuctionOutput.Offer offer(DutchAuction auction, int step, long time, LendingStatus status) {
    return offer(auction, step, time, status, status.healthFactor());
  }

  private AuctionOutput.Offer offer(DutchAuction auction, int step, long time, LendingStatus priced,
      double healthFactor) {
    return new AuctionOutput.Offer(auction.auctionId(), auction.accountId(), time, step, auction.collateralAsset(),
        auction.debtAsset(), Money.fromDouble(auction.price(curve, time), RoundingMode.HALF_EVEN),
        Money.fromDouble(priced.collateralInDebt(), RoundingMode.HALF_EVEN), Money.requirement(auction.debtToCover()),
        Money.entitlement(auction.collateralOffered()), Double.isFinite(healthFactor) ? healthFactor : 0);
  }
}
