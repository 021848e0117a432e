package dev.solvent.risk.instrument;

/** A tradable or pledgeable thing, valued from its underlying's oracle price. */
public sealed interface Instrument permits Contract, CollateralAsset, LoanAsset {

  String id();

  String underlying();
}
