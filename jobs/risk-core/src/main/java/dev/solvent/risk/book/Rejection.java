package dev.solvent.risk.book;

/** Why the account book refused an event (the dead-letter reason it is reported with). */
public enum Rejection {
  /** Not valid in the account's state, e.g. a second AccountOpened. */
  INVALID,
  /** An event for an account that was never opened. */
  UNKNOWN_ACCOUNT,
  /** An instrument or asset that has never been priced, or not of the kind the event needs. */
  UNKNOWN_INSTRUMENT,
  /** More of an asset than the account holds or owes. */
  INVALID_QUANTITY
}
