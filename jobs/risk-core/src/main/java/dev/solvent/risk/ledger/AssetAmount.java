package dev.solvent.risk.ledger;

import java.math.BigDecimal;

/** Units of one asset (collateral held or debt owed). */
public record AssetAmount(String asset, BigDecimal amount) {}
