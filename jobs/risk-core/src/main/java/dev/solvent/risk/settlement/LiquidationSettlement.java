package dev.solvent.risk.settlement;

import dev.solvent.risk.ledger.Payoff;
import dev.solvent.risk.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Settles a liquidation fill against the position's bankruptcy price, in exact decimals and in the account's
 * currency, with v(q, p) the {@link Payoff#value} of q contracts at a price (q × size × p; −q × size / p for an
 * inverse contract).
 *
 * <pre>
 *   closed      = side × |fill quantity|                                  (side +1 for a long being sold)
 *   realized    = v(closed, fill price) − v(closed, entry price)
 *   beat        = v(closed, fill price) − v(closed, bankruptcy price)   > 0: the fill left equity above zero
 *   penalty     = min(⌈rate × |v(fill quantity, fill price)|⌉, ⌊beat⌋)   when beat > 0
 *   deficit     = ⌈−beat⌉                                                 when beat < 0
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
      BigDecimal contractSize, Payoff payoff, BigDecimal bankruptcyPrice, BigDecimal penaltyRate) {
    if (side != 1 && side != -1) {
      throw new IllegalArgumentException("side must be +1 or -1: " + side);
    }
    if (fillQuantity.signum() <= 0 || fillPrice.signum() <= 0) {
      throw new IllegalArgumentException("fill quantity and price must be positive");
    }
    BigDecimal contracts = fillQuantity.abs();
    BigDecimal closed = side == 1 ? contracts : contracts.negate();
    BigDecimal atFill = payoff.value(closed, fillPrice, contractSize);
    BigDecimal realized = atFill.subtract(payoff.value(closed, entryPrice, contractSize));
    BigDecimal beat = atFill.subtract(payoff.value(closed, bankruptcyPrice, contractSize));
    if (beat.signum() >= 0) {
      BigDecimal charge = Money.atScale(penaltyRate.multiply(atFill.abs()), RoundingMode.CEILING);
      BigDecimal cap = Money.atScale(beat, RoundingMode.FLOOR);
      return new FillSettlement(realized, charge.min(cap), BigDecimal.ZERO.setScale(Money.SCALE));
    }
    return new FillSettlement(realized, BigDecimal.ZERO.setScale(Money.SCALE),
        Money.atScale(beat.negate(), RoundingMode.CEILING));
  }
}
