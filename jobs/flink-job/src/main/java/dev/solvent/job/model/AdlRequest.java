package dev.solvent.job.model;

import dev.solvent.risk.adl.AutoDeleveraging;
import java.math.BigDecimal;

/** The fund could not pay a deficit: deleverage opposing positions to cover {@code quantity} contracts. */
public record AdlRequest(String instrumentId, long time, String fundId, String bankruptAccountId, int bankruptSide,
    double quantity, double price, double lotSize, BigDecimal shortfall, String reference) implements AdlStageInput {

  /** Deleverage what covers {@code shortfall} of the deficit {@code s} left at {@code time}. */
  public static AdlRequest forShortfall(Settlement s, long time, BigDecimal shortfall) {
    return new AdlRequest(s.instrumentId(), time, s.fundId(), s.accountId(), s.positionSide(),
        AutoDeleveraging.quantityForShortfall(shortfall.doubleValue(), s.markPrice(), s.bankruptcyPrice(),
            s.contractSize(), s.positionPayoff()), s.bankruptcyPrice(), s.lotSize(), shortfall, s.reference());
  }
}
