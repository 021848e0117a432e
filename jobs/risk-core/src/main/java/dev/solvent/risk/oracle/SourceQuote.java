package dev.solvent.risk.oracle;

/** A source's latest price of an underlying, with the book depth it reported (NaN when none). */
public record SourceQuote(String source, double price, long time, double bidDepth2Pct, double askDepth2Pct) {}
