package dev.solvent.job.model;

/** One input of the ADL stage (exactly one set). */
public record AdlInput(AdlPosition position, AdlRequest request) {}
