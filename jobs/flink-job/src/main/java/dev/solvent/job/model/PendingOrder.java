package dev.solvent.job.model;

import java.math.BigDecimal;

/** An emitted liquidation order the account waits to see filled, with what its fills settle against. */
public record PendingOrder(String orderId, String instrumentId, int side, BigDecimal remaining,
    BigDecimal bankruptcyPrice, BigDecimal penaltyRate) {}
