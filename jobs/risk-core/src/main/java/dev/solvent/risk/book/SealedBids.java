package dev.solvent.risk.book;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The close of a portfolio's sealed-bid auction: the best acceptable bid for the portfolio offered wins, and the
 * transfer the venue books for it.
 */
public final class SealedBids {

  private SealedBids() {}

  /** A bid and whether its provider's account judged it acceptable. */
  public record Judged(AccountEvent.BidPlaced bid, boolean acceptable) {}

  /**
   * How the auction closed.
   *
   * @param winner the winning bid, or null when no bid was acceptable
   * @param transfer on a win, each position's transfer price, in the offer's order
   * @param acceptable the acceptable bids for the portfolio offered
   */
  public record Outcome(AccountEvent.BidPlaced winner, List<Transfer> transfer, int bids, int acceptable,
      BigDecimal reservePrice) {}

  /** One position moved to the winner at a price. */
  public record Transfer(AccountOutput.OfferedPosition position, BigDecimal price) {}

  /** Highest price first; ties to the provider first in name order, then its lower sequence. */
  private static final Comparator<AccountEvent.BidPlaced> BEST = Comparator
      .comparing(AccountEvent.BidPlaced::price, Comparator.reverseOrder())
      .thenComparing(AccountEvent.BidPlaced::accountId)
      .thenComparingLong(AccountEvent.BidPlaced::sequence);

  /**
   * Only bids for the portfolio as offered count (its equity and every position's quantity and mark): a provider's
   * account checked exactly that portfolio; and only at or above the reserve price, the offer's equity less
   * {@code reserve} times its maintenance margin (the most a takeover may cost the fund is then that margin less the
   * equity; 0 keeps every bid at or above the equity less the margin, the buffer a liquidation would consume). The winner's transfer puts every position at its bankruptcy price,
   * where the account's equity is 0, and moves the first by the price per contract, {@code price / (quantity ×
   * size)}, rounded to the wire's scale: the account is left the price (to that rounding), the winner gets the
   * portfolio at today's value less the price. A bid whose transfer would need a price at or below 0 is not
   * acceptable.
   */
  public static Outcome close(AccountOutput.PortfolioOffered offer, List<Judged> bids, BigDecimal reserve) {
    BigDecimal reservePrice = offer.equity().subtract(reserve.multiply(offer.maintenanceMargin()))
        .setScale(8, RoundingMode.CEILING);
    List<AccountEvent.BidPlaced> acceptable = new ArrayList<>();
    for (Judged j : bids) {
      if (j.acceptable() && forOffer(offer, j.bid()) && j.bid().price().compareTo(reservePrice) >= 0
          && transfer(offer, j.bid().price()) != null) {
        acceptable.add(j.bid());
      }
    }
    if (acceptable.isEmpty()) {
      return new Outcome(null, List.of(), bids.size(), 0, reservePrice);
    }
    AccountEvent.BidPlaced winner = acceptable.stream().min(BEST).orElseThrow();
    return new Outcome(winner, transfer(offer, winner.price()), bids.size(), acceptable.size(), reservePrice);
  }

  static boolean forOffer(AccountOutput.PortfolioOffered offer, AccountEvent.BidPlaced bid) {
    if (offer.equity().compareTo(bid.offerEquity()) != 0 || offer.positions().size() != bid.positions().size()) {
      return false;
    }
    for (int i = 0; i < offer.positions().size(); i++) {
      AccountOutput.OfferedPosition o = offer.positions().get(i);
      AccountEvent.BidPosition b = bid.positions().get(i);
      if (!o.instrumentId().equals(b.instrumentId()) || o.quantity().compareTo(b.quantity()) != 0
          || o.markPrice().compareTo(b.markPrice()) != 0) {
        return false;
      }
    }
    return true;
  }

  private static List<Transfer> transfer(AccountOutput.PortfolioOffered offer, BigDecimal price) {
    List<Transfer> transfer = new ArrayList<>();
    for (int i = 0; i < offer.positions().size(); i++) {
      AccountOutput.OfferedPosition p = offer.positions().get(i);
      BigDecimal at = p.bankruptcyPrice();
      if (i == 0) {
        at = at.add(price.divide(p.quantity().multiply(p.contractSize()), 8, RoundingMode.HALF_EVEN));
      }
      if (at.signum() <= 0) {
        return null;
      }
      transfer.add(new Transfer(p, at.setScale(8, RoundingMode.HALF_EVEN)));
    }
    return transfer;
  }
}
