package dev.solvent.harness.report;

import dev.solvent.avro.account.AccountEvent;
import dev.solvent.avro.account.AccountOpened;
import dev.solvent.avro.account.AdlFill;
import dev.solvent.avro.account.Deposit;
import dev.solvent.avro.account.FundingPayment;
import dev.solvent.avro.account.LiquidationFill;
import dev.solvent.avro.account.MarginMode;
import dev.solvent.avro.account.Trade;
import dev.solvent.avro.account.Withdrawal;
import dev.solvent.avro.auction.AuctionEvent;
import dev.solvent.avro.auction.AuctionEventKind;
import dev.solvent.avro.instruments.Instrument;
import dev.solvent.avro.instruments.InstrumentUpdate;
import dev.solvent.avro.insurance.LedgerEntry;
import dev.solvent.avro.offers.OfferedPosition;
import dev.solvent.avro.offers.PortfolioOffer;
import dev.solvent.avro.pool.PoolEntry;
import dev.solvent.avro.liquidation.LiquidationKind;
import dev.solvent.avro.liquidation.LiquidationOrder;
import dev.solvent.avro.liquidation.Side;
import dev.solvent.avro.margin.MarginUpdate;
import dev.solvent.harness.loop.LoopRecord;
import dev.solvent.job.model.Instruments;
import dev.solvent.harness.loop.Participant;
import dev.solvent.risk.ledger.Payoff;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks the books of a run from the records that crossed the job's boundary, with its own arithmetic:
 *
 * <ul>
 *   <li><b>Ledger</b>: each fund's sequence runs 1, 2, 3, … without gaps, every {@code balanceAfter} is the previous
 *       balance plus the entry's amount, and the end balance is the sum of the entries; the same for the mutual
 *       pool's ledger, where besides each fund's draws add up to the {@code fundDrawn} it reports and never exceed
 *       its cap.</li>
 *   <li><b>Bankruptcy</b>: for every liquidation order, the deficits its fills left below the bankruptcy price,
 *       {@code ⌈|v(fill) − v(bankruptcy)|⌉} per fill (v the value of the fill's quantity at a price: quantity × size ×
 *       price, or −quantity × size / price in the coin for an inverse contract), equal the fund's payouts plus
 *       shortfalls booked against it; and its penalties never exceed what its fills beat the bankruptcy price by.</li>
 *   <li><b>Trigger</b>: a partial or full liquidation, and an auction start, only while the account's ratio (health
 *       factor) is below 1, both in the order and in the account's latest margin update at or before it.</li>
 *   <li><b>Conservation</b> (per currency: USD and each coin accounts are margined in; margin modes other than
 *       lending): cash of all accounts + cost of their open positions + insurance funds + the pool + fees = deposits
 *       − withdrawals + realized P&amp;L + funding + shortfalls (those the pool did not cover); and
 *       every account left flat has, in its last margin update, exactly the equity its own events give it.</li>
 * </ul>
 *
 * Every violation names the account or fund and the event.
 */
public final class InvariantChecker implements Participant {

  private static final String CASH = "USD";
  private static final MathContext EXACT_ENOUGH = MathContext.DECIMAL128;
  /** Tolerance of the conservation sum: average costs divide, the rest is exact. */
  private static final BigDecimal TOLERANCE = new BigDecimal("0.000001");
  private static final int MAX_LISTED = 50;

  /**
   * One account's books as the checker keeps them: cash by currency (its own, and the coins its coin-settled
   * contracts and collateral move), and quantity and cost per instrument (in the instrument's settlement currency).
   */
  private static final class Books {
    String currency = CASH;
    final Map<String, BigDecimal> cash = new TreeMap<>();
    final Map<String, BigDecimal[]> positions = new TreeMap<>();
    boolean otherAssets;
    MarginMode mode;
    BigDecimal lastEquity;
    String lastUpdate;
    long lastUpdateTime = Long.MIN_VALUE;
    long lastChange = Long.MIN_VALUE;

    boolean flat() {
      return positions.values().stream().allMatch(p -> p[0].signum() == 0);
    }

    void move(String asset, BigDecimal amount) {
      cash.merge(asset, amount, BigDecimal::add);
    }

    BigDecimal own() {
      return cash.getOrDefault(currency, BigDecimal.ZERO);
    }

    /** Whether it holds nothing but its own currency (then its equity is its cash, exactly). */
    boolean onlyOwnCash() {
      return cash.entrySet().stream().allMatch(e -> e.getKey().equals(currency) || e.getValue().signum() == 0);
    }
  }

  private record Fund(String currency, long sequence, BigDecimal balance, BigDecimal sum) {}

  /** The flows of one currency that conservation balances. */
  private static final class Flows {
    BigDecimal deposits = BigDecimal.ZERO;
    BigDecimal withdrawals = BigDecimal.ZERO;
    BigDecimal fees = BigDecimal.ZERO;
    BigDecimal funding = BigDecimal.ZERO;
    BigDecimal realized = BigDecimal.ZERO;
    BigDecimal shortfalls = BigDecimal.ZERO;
  }

  private final Map<String, Books> accounts = new TreeMap<>();
  private final Map<String, BigDecimal> contractSize = new HashMap<>();
  private final Set<String> inverse = new java.util.HashSet<>();
  private final Map<String, String> settlesIn = new HashMap<>();
  /** What a liquidation fill settles against: an order's, or a risk auction offer's takeover order's. */
  private record OrderTerms(String orderId, String accountId, Side side, BigDecimal bankruptcyPrice) {}

  private final Map<String, OrderTerms> orders = new HashMap<>();
  private final Map<String, BigDecimal> expectedDeficit = new TreeMap<>();
  private final Map<String, BigDecimal> beatenBy = new TreeMap<>();
  private final Map<String, BigDecimal> bookedDeficit = new TreeMap<>();
  private final Map<String, BigDecimal> bookedPenalty = new TreeMap<>();
  private final Map<String, Double> latestRatio = new HashMap<>();
  private final Map<String, Fund> funds = new TreeMap<>();
  private final Map<String, BigDecimal> drawnFromPool = new TreeMap<>();
  private final List<LoopRecord> pendingFills = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  private long violationCount;
  private final Map<String, Flows> flows = new TreeMap<>();
  private boolean finished;
  private long checkedAccounts;

  @Override
  public List<LoopRecord> step(long until, List<LoopRecord> inputs, List<LoopRecord> outputs) {
    for (LoopRecord in : inputs) {
      input(in);
    }
    // Margin updates before the orders they trigger at the same instant.
    List<LoopRecord> ordered = new ArrayList<>(outputs);
    ordered.sort(Comparator.comparingLong(LoopRecord::time)
        .thenComparingInt(r -> r.record() instanceof MarginUpdate ? 0 : 1));
    for (LoopRecord out : ordered) {
      output(out);
    }
    settleFills();
    return List.of();
  }

  @Override
  public void finish(List<LoopRecord> outputs) {
    step(Long.MAX_VALUE, List.of(), outputs);
    checkDeficits();
    checkConservation();
    finished = true;
  }

  /** The books of a finished run, checked after the fact: all its inputs, then every output, by topic. */
  public static InvariantChecker ofRun(List<LoopRecord> inputs, Map<String, List<LoopRecord>> outputsByTopic) {
    InvariantChecker checker = new InvariantChecker();
    checker.step(Long.MAX_VALUE, inputs, List.of());
    checker.finish(outputsByTopic.values().stream().flatMap(List::stream).toList());
    return checker;
  }

  /** The violations found, at most {@value #MAX_LISTED} listed; empty when the books hold. */
  public List<String> violations() {
    if (!finished) {
      throw new IllegalStateException("the run has not finished");
    }
    List<String> listed = new ArrayList<>(violations);
    if (violationCount > violations.size()) {
      listed.add("… and " + (violationCount - violations.size()) + " more");
    }
    return listed;
  }

  /** Accounts left flat whose last reported equity the checker re-derived from their events. */
  public long checkedAccounts() {
    return checkedAccounts;
  }

  private void violation(String message) {
    violationCount++;
    if (violations.size() < MAX_LISTED) {
      violations.add(message);
    }
  }

  // Inputs ---------------------------------------------------------------------------------------------------------

  private void input(LoopRecord in) {
    if (in.record() instanceof InstrumentUpdate update && update.getPayload() instanceof Instrument spec) {
      contractSize.put(spec.getInstrumentId(), spec.getContractSize());
      if (Instruments.inverse(spec)) {
        inverse.add(spec.getInstrumentId());
      } else {
        inverse.remove(spec.getInstrumentId());
      }
      settlesIn.put(spec.getInstrumentId(), Instruments.settlementCurrency(spec));
    } else if (in.record() instanceof AccountEvent event) {
      account(event, in);
    }
  }

  private void account(AccountEvent event, LoopRecord in) {
    Object p = event.getPayload();
    if (p instanceof org.apache.avro.specific.SpecificRecord r && r.get(0) instanceof String account
        && accounts.containsKey(account)) {
      books(account).lastChange = in.time();
    }
    if (p instanceof AccountOpened opened) {
      books(opened.getAccountId()).mode = opened.getMarginMode();
      books(opened.getAccountId()).currency = opened.getCurrency() == null ? CASH : opened.getCurrency();
    } else if (p instanceof Deposit d) {
      if (d.getAccountId().startsWith("pool:")) {
        return; // the pool's SEED entry books it, when the job has a pool; without one it is a dead letter
      } else if (d.getAccountId().startsWith("fund:")) {
        flows(d.getAsset()).deposits = flows(d.getAsset()).deposits.add(d.getAmount());
      } else if (books(d.getAccountId()).mode != MarginMode.LENDING) {
        books(d.getAccountId()).move(d.getAsset(), d.getAmount());
        flows(d.getAsset()).deposits = flows(d.getAsset()).deposits.add(d.getAmount());
      } else {
        books(d.getAccountId()).otherAssets = true;
      }
    } else if (p instanceof Withdrawal w) {
      if (books(w.getAccountId()).mode != MarginMode.LENDING) {
        books(w.getAccountId()).move(w.getAsset(), w.getAmount().negate());
        flows(w.getAsset()).withdrawals = flows(w.getAsset()).withdrawals.add(w.getAmount());
      } else {
        books(w.getAccountId()).otherAssets = true;
      }
    } else if (p instanceof Trade t) {
      fill(t.getAccountId(), t.getInstrumentId(), t.getQuantity(), t.getPrice(), t.getFee());
    } else if (p instanceof LiquidationFill f) {
      fill(f.getAccountId(), f.getInstrumentId(), f.getQuantity(), f.getPrice(), f.getFee());
      pendingFills.add(in);
    } else if (p instanceof AdlFill f) {
      fill(f.getAccountId(), f.getInstrumentId(), f.getQuantity(), f.getPrice(), BigDecimal.ZERO);
    } else if (p instanceof FundingPayment f) {
      Books b = books(f.getAccountId());
      b.move(b.currency, f.getAmount());
      flows(b.currency).funding = flows(b.currency).funding.add(f.getAmount());
    } else if (p != null && !(p instanceof dev.solvent.avro.account.Heartbeat)) {
      // Borrow, repay and auction fills move lending assets, outside the USD books.
      String account = (String) ((org.apache.avro.specific.SpecificRecord) p).get(0);
      books(account).otherAssets = true;
    }
  }

  /** Average-cost books: opening adds cost, closing realizes the difference against the average entry. */
  private void fill(String account, String instrument, BigDecimal quantity, BigDecimal price, BigDecimal fee) {
    Books b = books(account);
    BigDecimal value = value(instrument, quantity, price);
    String currency = settlesIn.getOrDefault(instrument, CASH);
    b.move(currency, value.add(fee).negate());
    Flows f = flows(currency);
    f.fees = f.fees.add(fee);
    BigDecimal[] pos = b.positions.computeIfAbsent(instrument, i -> new BigDecimal[] {BigDecimal.ZERO,
        BigDecimal.ZERO});
    BigDecimal q = pos[0];
    if (q.signum() == 0 || q.signum() == quantity.signum()) {
      pos[0] = q.add(quantity);
      pos[1] = pos[1].add(value);
      return;
    }
    BigDecimal closing = quantity.abs().min(q.abs());
    BigDecimal removedCost = pos[1].multiply(closing).divide(q.abs(), EXACT_ENOUGH);
    BigDecimal closedValue = value.multiply(closing).divide(quantity.abs(), EXACT_ENOUGH);
    // closing a long: value is negative (a sale), realized = proceeds − cost
    f.realized = f.realized.add(closedValue.negate().subtract(removedCost));
    pos[0] = q.add(quantity);
    pos[1] = pos[1].subtract(removedCost).add(value.subtract(closedValue));
  }

  /** What {@code quantity} contracts are worth at a price: quantity × size × price, or −quantity × size / price. */
  private BigDecimal value(String instrument, BigDecimal quantity, BigDecimal price) {
    return (inverse.contains(instrument) ? Payoff.INVERSE : Payoff.LINEAR).value(quantity, price,
        contractSize.getOrDefault(instrument, BigDecimal.ONE));
  }

  private Books books(String account) {
    return accounts.computeIfAbsent(account, a -> new Books());
  }

  private Flows flows(String currency) {
    return flows.computeIfAbsent(currency, c -> new Flows());
  }

  // Outputs --------------------------------------------------------------------------------------------------------

  private void output(LoopRecord out) {
    Object r = out.record();
    if (r instanceof MarginUpdate update) {
      latestRatio.put(update.getAccountId(), update.getMarginRatio());
      Books b = books(update.getAccountId());
      b.lastEquity = update.getEquity();
      b.lastUpdate = "margin update " + update.getSequence() + " at " + update.getEventTime();
      b.lastUpdateTime = out.time();
    } else if (r instanceof LiquidationOrder order) {
      orders.put(order.getOrderId(), new OrderTerms(order.getOrderId(), order.getAccountId(), order.getSide(),
          order.getBankruptcyPrice()));
      trigger(order);
    } else if (r instanceof AuctionEvent event && event.getKind() == AuctionEventKind.STARTED
        && event.getHealthFactor() >= 1) {
      violation("account " + event.getAccountId() + ", auction " + event.getAuctionId() + " at "
          + event.getEventTime() + ": started at health factor " + event.getHealthFactor() + " (not below 1)");
    } else if (r instanceof LedgerEntry entry) {
      ledger(entry);
    } else if (r instanceof PoolEntry entry) {
      pool(entry);
    } else if (r instanceof PortfolioOffer offer) {
      for (OfferedPosition p : offer.getPositions()) {
        orders.put(p.getOrderId(), new OrderTerms(p.getOrderId(), offer.getAccountId(),
            p.getQuantity().signum() > 0 ? Side.SELL : Side.BUY, p.getBankruptcyPrice()));
      }
    }
  }

  private void trigger(LiquidationOrder order) {
    if (order.getKind() != LiquidationKind.PARTIAL && order.getKind() != LiquidationKind.FULL) {
      return; // replans and takeovers continue a liquidation already triggered
    }
    String where = "account " + order.getAccountId() + ", order " + order.getOrderId() + " at "
        + order.getEventTime();
    if (order.getMarginRatio() >= 1) {
      violation(where + ": liquidated at margin ratio " + order.getMarginRatio() + " (not below 1)");
    }
    Double ratio = latestRatio.get(order.getAccountId());
    if (ratio == null || ratio >= 1) {
      violation(where + ": the account's latest margin update before it has ratio " + ratio + " (not below 1)");
    }
  }

  private void ledger(LedgerEntry entry) {
    String currency = entry.getCurrency() == null ? CASH : entry.getCurrency();
    String fundKey = CASH.equals(currency) ? entry.getFundId() : entry.getFundId() + " " + currency;
    String where = "fund " + fundKey + ", entry " + entry.getSequence() + " (" + entry.getKind() + ", "
        + entry.getReference() + ")";
    chain(fundKey, currency, where, entry.getSequence(), entry.getAmount(), entry.getBalanceAfter());
    String reference = entry.getReference();
    String account = entry.getAccountId();
    if (account != null && entry.getKind() != dev.solvent.avro.insurance.LedgerEntryKind.SEED) {
      books(account).lastChange = Math.max(books(account).lastChange, entry.getEventTime().toEpochMilli());
    }
    switch (entry.getKind()) {
      case PENALTY_INCOME -> {
        bookedPenalty.merge(reference, entry.getAmount(), BigDecimal::add);
        books(account).move(currency, entry.getAmount().negate());
      }
      case DEFICIT_PAYOUT -> {
        bookedDeficit.merge(reference, entry.getAmount().negate(), BigDecimal::add);
        books(account).move(currency, entry.getAmount().negate());
      }
      case SHORTFALL -> {
        BigDecimal shortfall = entry.getShortfall() == null ? BigDecimal.ZERO : entry.getShortfall();
        bookedDeficit.merge(reference, shortfall, BigDecimal::add);
        books(account).move(currency, shortfall);
        flows(currency).shortfalls = flows(currency).shortfalls.add(shortfall);
      }
      default -> { }
    }
  }

  /** One entry of a fund's or the pool's ledger: the next sequence, and the balance after it the previous plus it. */
  private void chain(String key, String currency, String where, long sequence, BigDecimal amount,
      BigDecimal balanceAfter) {
    Fund before = funds.getOrDefault(key, new Fund(currency, 0, BigDecimal.ZERO, BigDecimal.ZERO));
    if (sequence != before.sequence() + 1) {
      violation(where + ": sequence follows " + before.sequence());
    }
    BigDecimal expected = before.balance().add(amount);
    if (expected.compareTo(balanceAfter) != 0) {
      violation(where + ": balance after " + balanceAfter.toPlainString() + " but the previous balance "
          + before.balance().toPlainString() + " plus the amount is " + expected.toPlainString());
    }
    funds.put(key, new Fund(currency, sequence, balanceAfter, before.sum().add(amount)));
  }

  /** The mutual pool's entry: its own ledger, as a fund's, plus the funds' draws within their cap. */
  private void pool(PoolEntry entry) {
    String where = "pool " + entry.getPoolId() + ", entry " + entry.getSequence() + " (" + entry.getKind() + ", "
        + entry.getFundId() + ", " + entry.getReference() + ")";
    String key = "pool " + entry.getPoolId();
    chain(key, CASH, where, entry.getSequence(), entry.getAmount(), entry.getBalanceAfter());
    switch (entry.getKind()) {
      case SEED -> flows(CASH).deposits = flows(CASH).deposits.add(entry.getAmount());
      case PREMIUM -> {
        bookedPenalty.merge(entry.getReference(), entry.getAmount(), BigDecimal::add);
        books(entry.getAccountId()).move(CASH, entry.getAmount().negate());
      }
      case COVER -> {
        BigDecimal drawn = drawnFromPool.merge(entry.getFundId(), entry.getAmount().negate(), BigDecimal::add);
        if (drawn.compareTo(entry.getFundDrawn()) != 0) {
          violation(where + ": the fund's covers add up to " + drawn.toPlainString() + " but the entry says "
              + entry.getFundDrawn().toPlainString());
        }
        if (drawn.compareTo(entry.getFundCap()) > 0) {
          violation(where + ": the fund has drawn " + drawn.toPlainString() + ", above its cap "
              + entry.getFundCap().toPlainString());
        }
        // The fund's SHORTFALL counted the whole shortfall as created; the pool paid this much of it.
        flows(CASH).shortfalls = flows(CASH).shortfalls.add(entry.getAmount());
      }
      default -> { }
    }
  }

  /** What each liquidation fill owes the fund or takes from it, against its order's bankruptcy price. */
  private void settleFills() {
    List<LoopRecord> waiting = new ArrayList<>();
    for (LoopRecord in : pendingFills) {
      LiquidationFill fill = (LiquidationFill) ((AccountEvent) in.record()).getPayload();
      OrderTerms order = orders.get(fill.getOrderId());
      if (order == null) {
        waiting.add(in); // the fill answers an order of this step; the venue answers after it
        continue;
      }
      int side = order.side() == Side.SELL ? 1 : -1; // selling closes a long
      BigDecimal closed = fill.getQuantity().abs().multiply(BigDecimal.valueOf(side));
      BigDecimal beat = value(fill.getInstrumentId(), closed, fill.getPrice())
          .subtract(value(fill.getInstrumentId(), closed, order.bankruptcyPrice()));
      if (beat.signum() < 0) {
        expectedDeficit.merge(order.orderId(), beat.negate().setScale(8, RoundingMode.CEILING), BigDecimal::add);
      } else {
        beatenBy.merge(order.orderId(), beat, BigDecimal::add);
      }
    }
    pendingFills.clear();
    pendingFills.addAll(waiting);
  }

  // At the end -----------------------------------------------------------------------------------------------------

  private void checkDeficits() {
    for (LoopRecord in : pendingFills) {
      LiquidationFill fill = (LiquidationFill) ((AccountEvent) in.record()).getPayload();
      violation("account " + fill.getAccountId() + ", fill of " + fill.getOrderId() + " at " + in.time()
          + ": no such liquidation order");
    }
    Set<String> references = new java.util.TreeSet<>(expectedDeficit.keySet());
    references.addAll(bookedDeficit.keySet());
    for (String reference : references) {
      BigDecimal expected = expectedDeficit.getOrDefault(reference, BigDecimal.ZERO);
      BigDecimal booked = bookedDeficit.getOrDefault(reference, BigDecimal.ZERO);
      if (expected.compareTo(booked) != 0) {
        OrderTerms order = orders.get(reference);
        violation("account " + (order == null ? "?" : order.accountId()) + ", order " + reference
            + ": fills below bankruptcy leave a deficit of " + expected.toPlainString()
            + " but the fund booked " + booked.toPlainString());
      }
    }
    bookedPenalty.forEach((reference, penalty) -> {
      BigDecimal cap = beatenBy.getOrDefault(reference, BigDecimal.ZERO);
      if (penalty.compareTo(cap) > 0) {
        OrderTerms order = orders.get(reference);
        violation("account " + (order == null ? "?" : order.accountId()) + ", order " + reference
            + ": penalty " + penalty.toPlainString() + " exceeds what its fills beat bankruptcy by, "
            + cap.toPlainString());
      }
    });
  }

  private void checkConservation() {
    funds.forEach((fund, f) -> {
      if (f.balance().compareTo(f.sum()) != 0) {
        violation("fund " + fund + ": balance " + f.balance().toPlainString() + " but its entries sum to "
            + f.sum().toPlainString());
      }
    });
    Map<String, BigDecimal> cash = new TreeMap<>();
    Map<String, BigDecimal> openCost = new TreeMap<>();
    for (Map.Entry<String, Books> e : accounts.entrySet()) {
      Books b = e.getValue();
      if (b.otherAssets || b.mode == MarginMode.LENDING) {
        continue;
      }
      b.cash.forEach((currency, amount) -> cash.merge(currency, amount, BigDecimal::add));
      b.positions.forEach((instrument, p) -> openCost.merge(settlesIn.getOrDefault(instrument, CASH), p[1],
          BigDecimal::add));
      // An account left flat is checked when the job reported on it after its last change (it reports on an
      // account without risk only when something happens to it), and holds only its own currency (a coin in a USD
      // account counts at the index after its haircut).
      if (!b.flat() || !b.onlyOwnCash() || b.lastEquity == null || b.lastUpdateTime < b.lastChange) {
        continue;
      }
      checkedAccounts++;
      // the job reports equity at the ledger's scale, rounded down (an entitlement)
      if (b.lastEquity.compareTo(b.own().setScale(8, RoundingMode.FLOOR)) != 0) {
        violation("account " + e.getKey() + ", " + b.lastUpdate + ": equity " + b.lastEquity.toPlainString()
            + " but its events leave it " + b.own().toPlainString() + " in cash and no position");
      }
    }
    Set<String> currencies = new java.util.TreeSet<>(flows.keySet());
    currencies.addAll(cash.keySet());
    funds.values().forEach(f -> currencies.add(f.currency()));
    for (String currency : currencies) {
      Flows f = flows(currency);
      BigDecimal held = cash.getOrDefault(currency, BigDecimal.ZERO);
      BigDecimal cost = openCost.getOrDefault(currency, BigDecimal.ZERO);
      BigDecimal fundBalances = funds.values().stream().filter(fund -> fund.currency().equals(currency))
          .map(Fund::balance).reduce(BigDecimal.ZERO, BigDecimal::add);
      BigDecimal total = held.add(cost).add(fundBalances).add(f.fees);
      BigDecimal sources = f.deposits.subtract(f.withdrawals).add(f.realized).add(f.funding).add(f.shortfalls);
      if (total.subtract(sources).abs().compareTo(TOLERANCE) > 0) {
        violation(String.format("conservation%s: cash %s + open cost %s + funds %s + fees %s = %s, but deposits "
            + "%s − withdrawals %s + realized P&L %s + funding %s + shortfalls %s = %s",
            CASH.equals(currency) ? "" : " in " + currency, plain(held),
            plain(cost), plain(fundBalances), plain(f.fees), plain(total), plain(f.deposits), plain(f.withdrawals),
            plain(f.realized), plain(f.funding), plain(f.shortfalls), plain(sources)));
      }
    }
  }

  private static String plain(BigDecimal amount) {
    return amount.setScale(8, RoundingMode.HALF_EVEN).toPlainString();
  }
}
