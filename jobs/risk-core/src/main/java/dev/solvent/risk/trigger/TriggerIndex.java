package dev.solvent.risk.trigger;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Which accounts a new price must revalue, without looking at the others (README "Trigger index"). Per underlying,
 * its holders' price and multiplier band edges ({@link Edges}: two heaps each) and their heartbeat deadlines, and per
 * option its holders' volatility band edges; a publication pops exactly the accounts whose band its price, its
 * multiplier or one of its implied volatilities left, in O(k log n) for k of them.
 * Accounts without a band on the underlying are revalued on each of its prices; accounts holding an instrument
 * without a price yet wait for that instrument's first one.
 *
 * <p>Heap entries are never searched for: a new band supersedes the account's old entries, and superseded
 * entries are dropped when they surface or when a heap holds more dead entries than live ones. Not thread-safe; one
 * per account-stage subtask, rebuilt from keyed state on restore.
 */
public final class TriggerIndex {

  /** An account's bands as put; superseded when the account is put again or removed. */
  private static final class Entry {
    final String account;
    final SafeBands bands;
    boolean superseded;

    Entry(String account, SafeBands bands) {
      this.account = account;
      this.bands = bands;
    }
  }

  /** A heap's reference to an entry: live while the entry is (no lookup to tell). */
  private record Slot(Entry entry, double key) {}

  private static final Comparator<Slot> LOWEST_FIRST = Comparator.comparingDouble(Slot::key);
  private static final Comparator<Slot> HIGHEST_FIRST = LOWEST_FIRST.reversed();

  /** Which holders a publication revalues besides those whose band it left. */
  public enum Scope {
    /** Those whose band the price or a volatility left (and the unbanded, and the heartbeats due). */
    BANDED,
    /** Every holder: the index is off, or a condition every band assumes changed. */
    EVERY_HOLDER
  }

  /** Why an account is due, in the order {@link #due} looks: the first reason found is the one counted. */
  public enum Cause {
    /** The scope: a depth bucket or a spec changed, or the index is off. */
    CONDITION,
    /** It holds the underlying without a band. */
    UNBANDED,
    /** The price left its band. */
    EDGE,
    /** The underlying's realized-volatility multiplier left the band's range. */
    MULTIPLIER,
    /** A held option's implied volatility left its band. */
    VOL,
    /** Its band's time ran out (heartbeat, option time decay, lending interest). */
    EXPIRED,
    /** It holds an instrument priced for the first time. */
    FIRST_PRICE
  }

  /** The accounts a publication revalues, and how many for each {@link Cause} (indexed by ordinal). */
  public record Due(Set<String> accounts, int[] byCause) {}

  /**
   * Holders' band edges on one value (a price, a multiplier, an implied volatility): highest low edge first, lowest
   * high edge first. Every value indexed is positive, so an edge at or below zero or at infinity never pops and is not
   * kept.
   */
  private static final class Edges {
    final PriorityQueue<Slot> low = new PriorityQueue<>(HIGHEST_FIRST);
    final PriorityQueue<Slot> high = new PriorityQueue<>(LOWEST_FIRST);

    void add(Entry entry, double lowEdge, double highEdge) {
      if (lowEdge > 0) {
        low.add(new Slot(entry, lowEdge));
      }
      if (highEdge < Double.POSITIVE_INFINITY) {
        high.add(new Slot(entry, highEdge));
      }
    }

    /** The holders whose band {@code value} left (a NaN leaves every band). */
    void popOutside(double value, Map<String, Cause> due, Cause cause) {
      popWhile(low, s -> !(s.key() <= value), due, cause);
      popWhile(high, s -> !(s.key() >= value), due, cause);
    }

    void compact(int holders) {
      TriggerIndex.compact(holders, low);
      TriggerIndex.compact(holders, high);
    }
  }

  /** The holders of one underlying, by price and multiplier band edge and by deadline. */
  private static final class Holders {
    final Set<String> all = new HashSet<>();
    final Set<String> unbanded = new HashSet<>();
    final Edges prices = new Edges();
    final Edges multipliers = new Edges();
    final PriorityQueue<Slot> deadlines = new PriorityQueue<>(LOWEST_FIRST);
  }

  /** The holders of one option, by volatility band edge. */
  private static final class VolHolders {
    final Set<String> all = new HashSet<>();
    final Edges vols = new Edges();
  }

  private final boolean edges;
  private final Map<String, Entry> entries = new HashMap<>();
  private final Map<String, Holders> byUnderlying = new HashMap<>();
  private final Map<String, VolHolders> byOption = new HashMap<>();
  private final Map<String, Set<String>> waiting = new HashMap<>();

  /**
   * @param edges whether to index band edges; without them (the index switched off, every holder revalued at every
   *     price) it keeps only who holds what and who waits for a first price
   */
  public TriggerIndex(boolean edges) {
    this.edges = edges;
  }

  /** An index of band edges. */
  public TriggerIndex() {
    this(true);
  }

  /** The account's bands from its latest valuation, replacing what it had (nothing held: forgotten). */
  public void put(String account, SafeBands bands) {
    if (bands.holdsNothing()) {
      remove(account);
      return;
    }
    Entry old = entries.get(account);
    Entry entry = new Entry(account, bands);
    if (old != null && sameMemberships(old.bands, bands)) {
      old.superseded = true; // most revaluations keep what the account holds: its sets stay as they are
    } else {
      remove(account);
      addMemberships(account, bands);
    }
    entries.put(account, entry);
    if (edges) {
      addEdges(entry, bands);
    }
  }

  /** Whether two bands put the account in the same holder, unbanded, option and waiting sets. */
  private boolean sameMemberships(SafeBands a, SafeBands b) {
    if (a.bands().size() != b.bands().size() || !a.unpriced().equals(b.unpriced())) {
      return false;
    }
    for (int i = 0; i < a.bands().size(); i++) {
      PriceBand x = a.bands().get(i);
      PriceBand y = b.bands().get(i);
      if (!x.underlying().equals(y.underlying()) || x.isEmpty() != y.isEmpty()) {
        return false;
      }
    }
    if (!edges) {
      return true;
    }
    if (a.vols().size() != b.vols().size()) {
      return false;
    }
    for (int i = 0; i < a.vols().size(); i++) {
      if (!a.vols().get(i).instrument().equals(b.vols().get(i).instrument())) {
        return false;
      }
    }
    return true;
  }

  private void addMemberships(String account, SafeBands bands) {
    for (PriceBand band : bands.bands()) {
      Holders h = byUnderlying.computeIfAbsent(band.underlying(), u -> new Holders());
      h.all.add(account);
      if (band.isEmpty()) {
        h.unbanded.add(account);
      }
    }
    for (VolBand vol : edges ? bands.vols() : List.<VolBand>of()) {
      byOption.computeIfAbsent(vol.instrument(), i -> new VolHolders()).all.add(account);
    }
    for (String instrument : bands.unpriced()) {
      waiting.computeIfAbsent(instrument, i -> new HashSet<>()).add(account);
    }
  }

  private void addEdges(Entry entry, SafeBands bands) {
    for (PriceBand band : bands.bands()) {
      if (band.isEmpty()) {
        continue;
      }
      Holders h = byUnderlying.get(band.underlying());
      h.prices.add(entry, band.low(), band.high());
      h.multipliers.add(entry, band.multiplierLow(), band.multiplierHigh());
      if (bands.validUntil() < Long.MAX_VALUE) {
        h.deadlines.add(new Slot(entry, bands.validUntil()));
      }
      h.prices.compact(h.all.size());
      h.multipliers.compact(h.all.size());
      compact(h.all.size(), h.deadlines);
    }
    for (VolBand vol : bands.vols()) {
      VolHolders h = byOption.get(vol.instrument());
      h.vols.add(entry, vol.low(), vol.high());
      h.vols.compact(h.all.size());
    }
  }

  public void remove(String account) {
    Entry old = entries.remove(account);
    if (old == null) {
      return;
    }
    old.superseded = true;
    for (PriceBand band : old.bands.bands()) {
      Holders h = byUnderlying.get(band.underlying());
      h.all.remove(account);
      h.unbanded.remove(account);
      if (h.all.isEmpty()) {
        byUnderlying.remove(band.underlying());
      }
    }
    for (VolBand vol : edges ? old.bands.vols() : List.<VolBand>of()) {
      VolHolders h = byOption.get(vol.instrument());
      h.all.remove(account);
      if (h.all.isEmpty()) {
        byOption.remove(vol.instrument());
      }
    }
    for (String instrument : old.bands.unpriced()) {
      Set<String> accounts = waiting.get(instrument);
      accounts.remove(account);
      if (accounts.isEmpty()) {
        waiting.remove(instrument);
      }
    }
  }

  /**
   * The accounts a publication of {@code underlying} at {@code price}, {@code multiplier} (its realized-volatility
   * multiplier) and {@code time} must revalue: those whose band the price or the multiplier left, whose heartbeat is
   * due, or that hold it without a band, or every holder as {@code scope} says; those whose volatility band for one of the {@code priced} instruments (id to implied volatility, in the
   * publication's order) its volatility left; and those waiting for a first price of one of them. Accounts already
   * valued at {@code time} are left out (a restored subtask may check an instant twice). Returned accounts keep no
   * band entries until their next {@link #put}.
   */
  public Due due(String underlying, double price, double multiplier, long time, Scope scope,
      Map<String, Double> priced) {
    if (!edges && scope != Scope.EVERY_HOLDER) {
      throw new IllegalStateException("an index without band edges revalues every holder");
    }
    // In the order they are best valued in: accounts whose band the price left, the deepest crossings first (new
    // liquidations and margin calls), before those without a band (among them liquidations already overdue).
    Map<String, Cause> due = new LinkedHashMap<>();
    Holders h = byUnderlying.get(underlying);
    if (h != null) {
      if (scope == Scope.EVERY_HOLDER) {
        addAll(due, h.all, Cause.CONDITION);
      } else {
        h.prices.popOutside(price, due, Cause.EDGE);
        h.multipliers.popOutside(multiplier, due, Cause.MULTIPLIER);
      }
    }
    for (var option : priced.entrySet()) {
      VolHolders v = byOption.get(option.getKey());
      if (v != null) {
        v.vols.popOutside(option.getValue(), due, Cause.VOL);
      }
    }
    if (h != null && scope != Scope.EVERY_HOLDER) {
      addAll(due, h.unbanded, Cause.UNBANDED);
      popWhile(h.deadlines, s -> s.key() <= time, due, Cause.EXPIRED);
    }
    for (String instrument : priced.keySet()) {
      Set<String> accounts = waiting.get(instrument);
      if (accounts != null) {
        addAll(due, accounts, Cause.FIRST_PRICE);
      }
    }
    List<String> valuedNow = due.keySet().stream().filter(a -> entries.get(a).bands.valuedAt() >= time).toList();
    for (String account : valuedNow) {
      due.remove(account);
      put(account, entries.get(account).bands); // its popped entries back
    }
    int[] byCause = new int[Cause.values().length];
    due.values().forEach(cause -> byCause[cause.ordinal()]++);
    return new Due(due.keySet(), byCause);
  }

  private static void addAll(Map<String, Cause> due, Set<String> accounts, Cause cause) {
    for (String account : accounts) {
      due.putIfAbsent(account, cause);
    }
  }

  /** The account's bands as last put, or null. */
  public SafeBands bands(String account) {
    Entry entry = entries.get(account);
    return entry == null ? null : entry.bands;
  }

  /** How many accounts hold the underlying. */
  public int holders(String underlying) {
    Holders h = byUnderlying.get(underlying);
    return h == null ? 0 : h.all.size();
  }

  /** How many accounts the index knows. */
  public int size() {
    return entries.size();
  }

  private interface SlotTest {
    boolean test(Slot slot);
  }

  private static void popWhile(PriorityQueue<Slot> heap, SlotTest test, Map<String, Cause> due, Cause cause) {
    while (!heap.isEmpty() && (!live(heap.peek()) || test.test(heap.peek()))) {
      Slot slot = heap.poll();
      if (live(slot)) {
        due.putIfAbsent(slot.entry().account, cause);
      }
    }
  }

  private static boolean live(Slot slot) {
    return !slot.entry().superseded;
  }

  /** Drops superseded entries once they outnumber the live ones. */
  private static void compact(int holders, PriorityQueue<Slot> heap) {
    if (heap.size() > 2 * holders + 64) {
      heap.removeIf(slot -> !live(slot)); // one pass and a heapify
    }
  }
}
