package dev.solvent.job.exposure;

import java.math.BigDecimal;

/**
 * Frozen at v0.1: what the exposure stage (removed with the trigger index) kept per holder, under its v0.1 name, so
 * the State Processor API can restore a v0.1 savepoint's exposure state to read its buffered price ticks. Never
 * change it.
 */
public record Holding(BigDecimal quantity, BigDecimal debt) {}
