package dev.solvent.job.exposure;

import java.math.BigDecimal;

/** What one account holds of one instrument or asset: position or collateral units, and debt units. */
public record Holding(BigDecimal quantity, BigDecimal debt) {

  public static final Holding NONE = new Holding(BigDecimal.ZERO, BigDecimal.ZERO);

  public Holding plus(BigDecimal quantityChange, BigDecimal debtChange) {
    return new Holding(quantity.add(quantityChange), debt.add(debtChange));
  }

  public boolean isEmpty() {
    return quantity.signum() == 0 && debt.signum() == 0;
  }
}
