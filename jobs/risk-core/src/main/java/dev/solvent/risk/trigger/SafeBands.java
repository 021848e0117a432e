package dev.solvent.risk.trigger;

import java.util.List;

/**
 * What an account's last valuation guarantees: per underlying it holds, the price band inside which its outputs
 * cannot change, until {@code validUntil} (the next time-driven output, e.g. the margin-update heartbeat). Held
 * instruments without a price yet are {@code unpriced}: the account is valued at their first price.
 *
 * @param valuedAt the instant of the valuation the bands come from
 * @param withOptions the bands assume each held option's implied volatility stays in its bucket
 */
public record SafeBands(long valuedAt, long validUntil, List<PriceBand> bands, List<String> unpriced,
    boolean withOptions) {

  public SafeBands {
    bands = List.copyOf(bands);
    unpriced = List.copyOf(unpriced);
  }

  /** Bands of an account without options. */
  public SafeBands(long valuedAt, long validUntil, List<PriceBand> bands, List<String> unpriced) {
    this(valuedAt, validUntil, bands, unpriced, false);
  }

  /** The account holds nothing a price can move. */
  public static SafeBands nothingHeld(long time) {
    return new SafeBands(time, Long.MAX_VALUE, List.of(), List.of());
  }

  public boolean holdsNothing() {
    return bands.isEmpty() && unpriced.isEmpty();
  }
}
