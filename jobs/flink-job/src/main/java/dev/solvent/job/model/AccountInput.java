package dev.solvent.job.model;

import dev.solvent.avro.account.AccountEvent;
import dev.solvent.avro.riskbids.PortfolioBid;
import dev.solvent.avro.riskbids.RiskBid;
import dev.solvent.job.ingest.SourceRef;
import dev.solvent.schema.Topics;
import java.util.Comparator;

/**
 * A validated input of the account stage and where it came from (for dead letters found later): an account event,
 * or a backstop provider's bid for an offered portfolio (on the provider's account, which checks it).
 *
 * @param event the account event, or null for a bid
 * @param bid the bid, or null for an account event
 */
public record AccountInput(AccountEvent event, SourceRef source, RiskBid bid) {

  /**
   * The order of one account's inputs of an instant: its events by their sequence in the account log, then bids by
   * theirs and their offer (a bid changes nothing, so where it goes among the events only has to be fixed).
   */
  public static final Comparator<AccountInput> ORDER = Comparator.comparingInt((AccountInput in) -> in.bid == null
      ? 0 : 1).thenComparingLong(AccountInput::sequence)
      .thenComparing(in -> in.bid == null ? "" : in.portfolioBid().getOfferId());

  public AccountInput(AccountEvent event, SourceRef source) {
    this(event, source, null);
  }

  public static AccountInput bid(RiskBid bid, SourceRef source) {
    return new AccountInput(null, source, bid);
  }

  /** The account it is for: the account stage's key (a bid's provider). */
  public String accountId() {
    return bid != null ? portfolioBid().getProviderId() : Topics.accountIdOf(event.getPayload()).orElseThrow();
  }

  public long eventTime() {
    return (bid != null ? bid.getEventTime() : event.getEventTime()).toEpochMilli();
  }

  public long sequence() {
    return bid != null ? portfolioBid().getSequence() : event.getSequence();
  }

  public PortfolioBid portfolioBid() {
    return (PortfolioBid) bid.getPayload();
  }
}
