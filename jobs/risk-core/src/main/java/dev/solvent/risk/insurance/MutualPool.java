package dev.solvent.risk.insurance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A pool shared by several insurance funds: each pays in a premium with every penalty it earns, and a fund whose
 * balance cannot pay a deficit draws the pool for the rest, up to a cap on what that fund may draw in all; only what
 * is left then is a shortfall for auto-deleveraging. The pool keeps its own ledger (balance and contiguous sequence,
 * as {@link InsuranceFund}); how much each fund has drawn is kept beside it by whoever holds the pool, and passed in.
 *
 * <p>The premium is a share of each penalty (see {@link #premiumOn}): the penalty is a fixed rate of the notional a
 * market liquidates, so a fund pays in proportion to the liquidations its market brings, the risk the pool exists to
 * carry, at the moment it earns the income that pays for it.
 */
public record MutualPool(String poolId, BigDecimal balance, long sequence) {

  /** Amounts are booked at the ledger topic's scale. */
  public static final int SCALE = 8;

  public MutualPool {
    Objects.requireNonNull(poolId, "poolId");
    if (balance.signum() < 0) {
      throw new IllegalArgumentException("the pool's balance is never negative: " + balance);
    }
  }

  public static MutualPool empty(String poolId) {
    return new MutualPool(poolId, BigDecimal.ZERO, 0);
  }

  /** Kinds of pool ledger entries (the topic's PoolEntryKind). */
  public enum Kind { SEED, PREMIUM, COVER, SHORTFALL }

  /**
   * One ledger entry and the pool after it.
   *
   * @param fundDrawn what the entry's fund has drawn from the pool in all, after the entry
   * @param shortfall on SHORTFALL, the part of the fund's shortfall the pool did not cover
   */
  public record Entry(Kind kind, long sequence, BigDecimal amount, BigDecimal balanceAfter, BigDecimal fundDrawn,
      BigDecimal shortfall, MutualPool pool) {}

  /**
   * The premium a fund owes on a penalty: {@code share × penalty}, rounded half-even to the ledger's scale; the
   * fund keeps {@code penalty − premium}, so the two add up to the penalty exactly.
   */
  public static BigDecimal premiumOn(BigDecimal penalty, BigDecimal share) {
    if (penalty.signum() < 0 || share.signum() < 0 || share.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException("premium of " + share + " on a penalty of " + penalty);
    }
    return penalty.multiply(share).setScale(SCALE, RoundingMode.HALF_EVEN);
  }

  public Entry seed(BigDecimal amount, BigDecimal fundDrawn) {
    return credit(Kind.SEED, amount, fundDrawn);
  }

  public Entry premium(BigDecimal amount, BigDecimal fundDrawn) {
    return credit(Kind.PREMIUM, amount, fundDrawn);
  }

  /**
   * Covers a fund's shortfall as far as the balance and the fund's cap allow: the first entry pays (possibly 0), a
   * SHORTFALL entry follows with what is left for auto-deleveraging.
   *
   * @param drawn what the fund has drawn before
   * @param cap the most the fund may draw in all
   */
  public Entry[] cover(BigDecimal shortfall, BigDecimal drawn, BigDecimal cap) {
    if (shortfall.signum() < 0 || drawn.signum() < 0 || cap.signum() < 0) {
      throw new IllegalArgumentException("cover of " + shortfall + " after " + drawn + " drawn, cap " + cap);
    }
    BigDecimal room = cap.subtract(drawn).max(BigDecimal.ZERO);
    BigDecimal paid = shortfall.min(balance).min(room);
    BigDecimal left = shortfall.subtract(paid);
    MutualPool afterCover = new MutualPool(poolId, balance.subtract(paid), sequence + 1);
    BigDecimal drawnAfter = drawn.add(paid);
    Entry cover = new Entry(Kind.COVER, afterCover.sequence, paid.negate(), afterCover.balance, drawnAfter,
        BigDecimal.ZERO, afterCover);
    if (left.signum() == 0) {
      return new Entry[] {cover};
    }
    MutualPool afterShortfall = new MutualPool(poolId, afterCover.balance, sequence + 2);
    return new Entry[] {cover, new Entry(Kind.SHORTFALL, afterShortfall.sequence, BigDecimal.ZERO,
        afterShortfall.balance, drawnAfter, left, afterShortfall)};
  }

  private Entry credit(Kind kind, BigDecimal amount, BigDecimal fundDrawn) {
    if (amount.signum() < 0) {
      throw new IllegalArgumentException(kind + " amount is positive: " + amount);
    }
    MutualPool after = new MutualPool(poolId, balance.add(amount), sequence + 1);
    return new Entry(kind, after.sequence, amount, after.balance, fundDrawn, BigDecimal.ZERO, after);
  }
}
