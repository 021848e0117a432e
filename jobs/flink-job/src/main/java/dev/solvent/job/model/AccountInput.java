package dev.solvent.job.model;

import dev.solvent.avro.account.AccountEvent;
import dev.solvent.job.ingest.SourceRef;

/** A validated account event and where it came from (for dead letters found later). */
public record AccountInput(AccountEvent event, SourceRef source) {}
