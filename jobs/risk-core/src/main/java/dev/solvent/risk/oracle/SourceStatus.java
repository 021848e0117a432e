package dev.solvent.risk.oracle;

/** LIVE entered the median; OUTLIER deviated beyond the band; STALE was silent beyond the limit. */
public enum SourceStatus { LIVE, OUTLIER, STALE }
