package dev.solvent.job.model;

import java.math.BigDecimal;

/**
 * An account's holding of an instrument or asset changed: position contracts or collateral units
 * ({@code quantity}), or debt units ({@code debt}). The exposure stage keeps the sums to know who holds what.
 */
public record HoldingChange(String instrumentId, String accountId, long time, long sequence, BigDecimal quantity,
    BigDecimal debt) implements ExposureStageInput {}
