package dev.solvent.risk.book;

import dev.solvent.risk.account.UnderlyingConditions;
import dev.solvent.risk.instrument.Instrument;
import dev.solvent.risk.portfolio.RiskArray;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One instrument at its latest oracle publication: the instrument, its risk array, the dynamic-margin conditions of
 * its underlying, and the spec's exact contract size (fills move {@code quantity × price × contractSize} of cash to
 * the last digit, so the ledger takes the decimal, not the model's double).
 *
 * @param stale the oracle price behind the array was stale (it triggers no liquidation)
 * @param sourceTime the newest source observation behind that price
 */
public record PricedInstrument(Instrument instrument, BigDecimal contractSize, RiskArray array,
    UnderlyingConditions conditions, boolean stale, long sourceTime) {

  public PricedInstrument {
    Objects.requireNonNull(instrument, "instrument");
    Objects.requireNonNull(contractSize, "contractSize");
    Objects.requireNonNull(array, "array");
    Objects.requireNonNull(conditions, "conditions");
  }
}
