package dev.solvent.risk.settlement;

import dev.solvent.risk.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Settles a liquidation fill against the position's bankruptcy price, in exact decimals.
 *
 * <pre>
 *   closed      = side × |fill quantity| × contract size           (side +1 for a long being sold)
 *   realized    = closed × (fill price − entry price)
 *   beat        = closed × (fill price − bankruptcy price)       > 0: the fill left equity above zero
 *   penalty     = min(⌈rate × |fill quantity| × size × fill price⌉, ⌊beat⌋)   when beat > 0
 *   deficit     = ⌈−beat⌉                                                        when beat < 0
 * </pre>
 *
 * The penalty is capped at the beat so it never pushes the account past bankruptcy; it rounds up as a charge, but
 * the cap rounds down. The deficit rounds up so that the account is left with no debt.
 */
public final class LiquidationSettlement {

  private LiquidationSettlement() {}

  /**
   * @param side +1 when the liquidated position is long, −1 when short
   * @param fillQuantity contracts filled, absolute
   */
  public static FillSettlement settle(int side, BigDecimal fillQuantity, BigDecimal fillPrice, BigDecimal entryPrice,
      BigDecimal contractSize, BigDecimal bankruptcyPrice, BigDecimal penaltyRate) {
    if (side != 1 && side != -1) {
      throw new IllegalArgumentException("side must be +1 or -1: " + side);
    }
    if (fillQuantity.signum() <= 0 || fillPrice.signum() <= 0) {
      throw new IllegalArgumentException("fill quantity and price must be positive");
    }
    BigDecimal units = fillQuantity.abs().multiply(contractSize);
    BigDecimal closed = side == 1 ? units : units.negate();
    BigDecimal realized = closed.multiply(fillPrice.subtract(entryPrice));
    BigDecimal beat = closed.multiply(fillPrice.subtract(bankruptcyPrice));
    if (beat.signum() >= 0) {
      BigDecimal charge = Money.atScale(penaltyRate.multiply(units).multiply(fillPrice), RoundingMode.CEILING);
      BigDecimal cap = Money.atScale(beat, RoundingMode.FLOOR);
      return new FillSettlement(realized, charge.min(cap), BigDecimal.ZERO.setScale(Money.SCALE));
    }
    return new FillSettlement(realized, BigDecimal.ZERO.setScale(Money.SCALE),
        Money.atScale(beat.negate(), RoundingMode.CEILING));
  }
}
