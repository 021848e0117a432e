package dev.solvent.risk.adl;

/** One forced reduction: close {@code quantity} contracts of the candidate at the bankrupt position's price. */
public record AdlAllocation(AdlCandidate candidate, int rank, double quantity, double price, double score) {}
