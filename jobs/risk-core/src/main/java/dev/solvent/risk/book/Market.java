package dev.solvent.risk.book;

/** The market as the account book sees it at one instant: each instrument's latest pricing. */
public interface Market {

  /** The instrument's latest pricing at or before the book's time, or null when it has never been priced. */
  PricedInstrument priced(String instrumentId);
}
