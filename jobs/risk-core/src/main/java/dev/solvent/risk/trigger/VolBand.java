package dev.solvent.risk.trigger;

import java.util.Objects;

/**
 * The implied volatilities of one held option inside which an account's bands hold: a publication that prices the
 * option at a volatility outside {@code [low, high]} revalues the account, whatever its underlying's price did.
 */
public record VolBand(String instrument, double low, double high) {

  public VolBand {
    Objects.requireNonNull(instrument, "instrument");
  }

  public boolean contains(double vol) {
    return vol >= low && vol <= high;
  }
}
