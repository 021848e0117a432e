package dev.solvent.job.model;

import java.math.BigDecimal;

/** Frozen at v0.1: a buffered input of the exposure stage (removed with the trigger index). Never change it. */
public record HoldingChange(String instrumentId, String accountId, long time, long sequence, BigDecimal quantity,
    BigDecimal debt) {}
