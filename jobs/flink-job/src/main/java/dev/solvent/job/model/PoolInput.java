package dev.solvent.job.model;

import java.math.BigDecimal;
import java.util.Comparator;

/**
 * What the mutual pool must book: capital deposited into it, a fund's premium on a penalty it earned, or a fund's
 * shortfall to cover.
 *
 * @param settlement the fund's settlement the entry comes from (the deposit, for a seed)
 * @param amount the seed, the premium, or the fund's shortfall
 */
public record PoolInput(Kind kind, Settlement settlement, BigDecimal amount) {

  public enum Kind { SEED, PREMIUM, CLAIM }

  /** The only pool: of the quote-currency funds. */
  public static final String POOL_ID = "pool";

  /** A fixed order of one instant's inputs, whatever fund subtask they came from: seeds, premiums, then claims. */
  public static final Comparator<PoolInput> ORDER = Comparator.comparing(PoolInput::kind)
      .thenComparing((PoolInput p) -> p.settlement().fundId())
      .thenComparing(p -> p.settlement().accountId())
      .thenComparingLong(p -> p.settlement().sequence())
      .thenComparing(p -> p.settlement().reference());

  public String poolId() {
    return POOL_ID;
  }
}
