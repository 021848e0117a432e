package dev.solvent.risk.trigger;

import java.util.List;

/**
 * What an account's last valuation guarantees: per underlying it holds, the price band inside which its outputs
 * cannot change, until {@code validUntil} (the next time-driven output, e.g. the margin-update heartbeat). Held
 * instruments without a price yet are {@code unpriced}: the account is valued at their first price.
 *
 * @param valuedAt the instant of the valuation the bands come from
 * @param vols per held option, the implied volatilities the bands assume (empty without options)
 */
public record SafeBands(long valuedAt, long validUntil, List<PriceBand> bands, List<String> unpriced,
    List<VolBand> vols) {

  public SafeBands {
    bands = List.copyOf(bands);
    unpriced = List.copyOf(unpriced);
    vols = List.copyOf(vols);
  }

  /** Bands of an account without options. */
  public SafeBands(long valuedAt, long validUntil, List<PriceBand> bands, List<String> unpriced) {
    this(valuedAt, validUntil, bands, unpriced, List.of());
  }

  /** The account holds nothing a price can move. */
  public static SafeBands nothingHeld(long time) {
    return new SafeBands(time, Long.MAX_VALUE, List.of(), List.of());
  }

  public boolean holdsNothing() {
    return bands.isEmpty() && unpriced.isEmpty();
  }
}
