package dev.solvent.job.model;

import dev.solvent.avro.account.AccountEvent;
import dev.solvent.job.ingest.SourceRef;
import dev.solvent.schema.Topics;

/** A validated account event and where it came from (for dead letters found later). */
public record AccountInput(AccountEvent event, SourceRef source) {

  /** The account it is for: the account stage's key. */
  public String accountId() {
    return Topics.accountIdOf(event.getPayload()).orElseThrow();
  }
}
