package dev.solvent.job.model;

/** One keyed input of the account stage (exactly one set): an account event or a revalue trigger. */
public record AccountStageInput(AccountInput event, Revalue revalue) {}
