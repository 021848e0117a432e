package dev.solvent.job.model;

/** One keyed input of the account stage: an account event, or a revalue trigger. */
public sealed interface AccountStageInput permits AccountInput, Revalue {

  /** The account it is for: the stage's key. */
  String accountId();
}
