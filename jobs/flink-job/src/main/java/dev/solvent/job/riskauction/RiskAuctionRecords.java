package dev.solvent.job.riskauction;

import dev.solvent.avro.awards.RiskAuctionOutcome;
import dev.solvent.avro.awards.RiskAuctionResult;
import dev.solvent.avro.awards.TransferredPosition;
import dev.solvent.avro.offers.PortfolioOffer;
import dev.solvent.risk.book.AccountOutput;
import dev.solvent.risk.book.SealedBids;

/** The risk auction's records: an offer read back into the core's terms, and the result written out. */
final class RiskAuctionRecords {

  private RiskAuctionRecords() {}

  static AccountOutput.PortfolioOffered offer(PortfolioOffer o) {
    return new AccountOutput.PortfolioOffered(o.getOfferId(), o.getAccountId(), o.getEventTime().toEpochMilli(),
        o.getClosesAt().toEpochMilli(), o.getCurrency(), o.getEquity(), o.getInitialMargin(),
        o.getMaintenanceMargin(), o.getWorstScenarioLoss(), o.getPositions().stream()
            .map(p -> new AccountOutput.OfferedPosition(p.getOrderId(), p.getInstrumentId(), p.getQuantity(),
                p.getMarkPrice(), p.getContractSize(), p.getBankruptcyPrice())).toList());
  }

  static RiskAuctionResult result(PortfolioOffer offer, SealedBids.Outcome outcome, long graceMillis) {
    boolean won = outcome.winner() != null;
    return RiskAuctionResult.newBuilder()
        .setOfferId(offer.getOfferId())
        .setAccountId(offer.getAccountId())
        .setEventTime(offer.getClosesAt())
        .setBookBy(offer.getClosesAt().plusMillis(graceMillis))
        .setOutcome(won ? RiskAuctionOutcome.WON : RiskAuctionOutcome.NO_ACCEPTABLE_BID)
        .setProviderId(won ? outcome.winner().accountId() : null)
        .setPrice(won ? outcome.winner().price().setScale(8) : null)
        .setReservePrice(outcome.reservePrice())
        .setBids(outcome.bids())
        .setAcceptableBids(outcome.acceptable())
        .setPositions(outcome.transfer().stream().map(t -> TransferredPosition.newBuilder()
            .setOrderId(t.position().orderId())
            .setInstrumentId(t.position().instrumentId())
            .setQuantity(t.position().quantity().setScale(8))
            .setPrice(t.price())
            .build()).toList())
        .build();
  }
}
