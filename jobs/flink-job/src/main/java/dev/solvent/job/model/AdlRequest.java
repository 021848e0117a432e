package dev.solvent.job.model;

import java.math.BigDecimal;

/** The fund could not pay a deficit: deleverage opposing positions to cover {@code quantity} contracts. */
public record AdlRequest(String instrumentId, long time, String fundId, String bankruptAccountId, int bankruptSide,
    double quantity, double price, double lotSize, BigDecimal shortfall, String reference) implements AdlStageInput {}
