package dev.solvent.risk.book;

import dev.solvent.risk.account.Account;
import dev.solvent.risk.account.MarginAssessment;
import dev.solvent.risk.account.MarginCalculator;
import dev.solvent.risk.account.MarginMode;
import dev.solvent.risk.account.MarginStatus;
import dev.solvent.risk.account.MarketState;
import dev.solvent.risk.account.PositionRisk;
import dev.solvent.risk.account.RiskParameters;
import dev.solvent.risk.adl.AdlPosition;
import dev.solvent.risk.instrument.Contract;
import dev.solvent.risk.instrument.Instrument;
import dev.solvent.risk.ledger.AccountLedger;
import dev.solvent.risk.liquidation.LiquidationKind;
import dev.solvent.risk.liquidation.LiquidationMode;
import dev.solvent.risk.liquidation.LiquidationPlan;
import dev.solvent.risk.liquidation.LiquidationPolicy;
import dev.solvent.risk.liquidation.MarginDecision;
import dev.solvent.risk.liquidation.PartialLiquidationPlanner;
import dev.solvent.risk.liquidation.PlannedOrder;
import dev.solvent.risk.money.Money;
import dev.solvent.risk.trigger.BandCalculator;
import dev.solvent.risk.trigger.PriceBand;
import dev.solvent.risk.trigger.SafeBands;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One account's books and decisions as a state machine: {@link #step} takes the account's state, the events of one
 * instant (in sequence order) and the market at that instant, and returns the next state and what to tell the world.
 * Pure and deterministic: the same state, events and market always give the same step.
 *
 * <p>In each step the events are posted to the exact ledger first (fills of liquidation orders settle against their
 * bankruptcy price); then the account is valued once, if it holds risk (or just lost its last: its final update
 * reports what the liquidation left). A valuation emits a margin update when the ratio moved more than the step since
 * the last one, the status changed, or the heartbeat elapsed (with a margin call under the warning level, and its
 * positions in profit for the ADL ranking); a lending account reports its health to the auctions while underwater.
 * Under maintenance (on a live price) it plans a liquidation: one at a time; an order still unfilled at its deadline
 * is re-planned at that instant's mark ({@code maxReplans} times), then handed to the insurance fund as a takeover of
 * every position, after which nothing escalates further.
 */
public final class AccountBook {

  /**
   * The account stage's settings.
   *
   * @param updateRatioStep a margin update is due when the ratio moved by more than this fraction since the last
   * @param liquidationTimeoutMillis an order unfilled this long escalates
   * @param cashAsset the quote currency: deposits of it are cash, of anything else collateral
   * @param horizonMillis the horizon margin calls state their probability of default over
   * @param riskAuction the risk auction of whole portfolios before any sale, or {@link RiskAuction#OFF}
   */
  public record Settings(double updateRatioStep, long updateHeartbeatMillis, long liquidationTimeoutMillis,
      int maxReplans, LiquidationMode mode, String cashAsset, long horizonMillis, RiskAuction riskAuction) {

    public Settings {
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(cashAsset, "cashAsset");
      Objects.requireNonNull(riskAuction, "riskAuction");
    }

    /** Without a risk auction. */
    public Settings(double updateRatioStep, long updateHeartbeatMillis, long liquidationTimeoutMillis,
        int maxReplans, LiquidationMode mode, String cashAsset, long horizonMillis) {
      this(updateRatioStep, updateHeartbeatMillis, liquidationTimeoutMillis, maxReplans, mode, cashAsset,
          horizonMillis, RiskAuction.OFF);
    }
  }

  /**
   * The account after one instant, and its outputs in the order they happened.
   *
   * @param state the state to keep: the same instance as the one stepped from when nothing worth keeping changed,
   *     null while the account was never opened
   */
  public record Step(AccountState state, List<AccountOutput> outputs, SafeBands bands) {}

  /**
   * What the margin model sees of an account at an instant: the account as the risk core values it, the instruments
   * it holds and the market state of their prices (what {@code explain} explains).
   */
  public record Snapshot(Account account, Map<String, Instrument> instruments, MarketState market) {}

  /** The account as valued at {@code time} from its state, or empty before it holds anything priced. */
  public static java.util.Optional<Snapshot> snapshot(AccountState state, Market market, long time) {
    if (state == null || state.ledger() == null) {
      return java.util.Optional.empty();
    }
    Valuation valuation = Valuation.of(state.ledger(), market, time);
    return valuation == null ? java.util.Optional.empty()
        : java.util.Optional.of(new Snapshot(valuation.account, valuation.instruments, valuation.market));
  }

  /** The account after a valuation, and what the valuation guarantees until the next. */
  private record Valued(AccountState state, SafeBands bands) {}

  private final Settings settings;
  private final LiquidationPolicy policy;
  private final PartialLiquidationPlanner planner;
  private final Postings postings;
  private final BookOutputs outputs;
  private final BandCalculator bandCalculator;

  public AccountBook(RiskParameters parameters, Settings settings) {
    this.settings = settings;
    MarginCalculator calculator = new MarginCalculator(parameters);
    this.policy = new LiquidationPolicy(calculator);
    this.planner = new PartialLiquidationPlanner(calculator);
    this.postings = new Postings(settings.cashAsset());
    this.outputs = new BookOutputs(parameters.warningLevel(), settings.horizonMillis());
    this.bandCalculator = new BandCalculator(parameters, settings.updateRatioStep());
  }

  public Settings settings() {
    return settings;
  }

  /**
   * @param stored the account's state, or null before anything was kept
   * @param events the account's events at {@code time}, in sequence order
   */
  public Step step(AccountState stored, List<AccountEvent> events, Market market, long time) {
    List<AccountOutput> out = new ArrayList<>();
    AccountState account = stored == null ? AccountState.NONE : stored;
    for (int i = 0; i < events.size(); i++) {
      account = apply(account, events.get(i), i, market, time, out);
    }
    PendingLiquidation open = account.pending();
    // Due at the deadline, or at the first valuation after it (a deadline met by a stale price waits for a fresh one).
    boolean escalate = open != null && time >= open.deadline();
    boolean hadRisk = stored != null && stored.ledger() != null && stored.ledger().hasRisk();
    SafeBands bands = SafeBands.nothingHeld(time);
    if (account.ledger() != null && (account.ledger().hasRisk() || hadRisk)) {
      Valued valued = value(account, market, time, escalate, out);
      account = valued.state();
      bands = valued.bands();
    }
    return new Step(account.ledger() == null ? stored : account, out, bands);
  }

  private AccountState apply(AccountState account, AccountEvent event, int index, Market market, long time,
      List<AccountOutput> out) {
    AccountLedger books = account.ledger();
    if (event instanceof AccountEvent.Opened opened) {
      if (books != null) {
        out.add(new AccountOutput.EventRejected(index, Rejection.INVALID, "account " + opened.accountId()
            + " is already open"));
        return account;
      }
      if (!Account.QUOTE.equals(opened.currency()) && opened.mode() == MarginMode.LENDING) {
        out.add(new AccountOutput.EventRejected(index, Rejection.INVALID, "account " + opened.accountId()
            + " is margined in " + opened.currency() + ": a lending account is margined in the quote currency"));
        return account;
      }
      return account.withLedger(AccountLedger.open(opened.accountId(), opened.mode(), opened.fundId(),
          opened.currency()));
    }
    if (books == null) {
      out.add(new AccountOutput.EventRejected(index, Rejection.UNKNOWN_ACCOUNT, "no AccountOpened for account "
          + event.accountId()));
      return account;
    }
    if (event instanceof AccountEvent.BidPlaced bid) {
      out.add(TakeoverCheck.assess(index, books, bid, market, time, policy));
      return account; // a bid changes nothing until the venue books a takeover
    }
    Postings.Posted posted = postings.post(books, event, time, market, account.pending());
    if (posted.rejection() != null) {
      out.add(new AccountOutput.EventRejected(index, posted.rejection(), posted.detail()));
      return account;
    }
    if (posted.settlement() != null) {
      out.add(posted.settlement());
    }
    for (AdlPosition position : posted.adlPositions()) {
      out.add(new AccountOutput.AdlPositionReported(position));
    }
    PendingLiquidation pending = posted.pending() == null || posted.pending().filled() ? null : posted.pending();
    return new AccountState(posted.ledger(), account.memory(), pending);
  }

  private Valued value(AccountState account, Market market, long time, boolean escalate,
      List<AccountOutput> out) {
    AccountLedger books = account.ledger();
    Valuation valuation = Valuation.of(books, market, time);
    if (valuation == null) {
      // Something held without a price yet: valued once its first oracle price arrives.
      return new Valued(account, new SafeBands(time, Long.MAX_VALUE, List.of(), Valuation.unpriced(books, market)));
    }
    MarginDecision decision = policy.decide(valuation.account, valuation.instruments, valuation.market);
    AccountState valued = decide(account, valuation, decision, time, escalate, out);
    return new Valued(valued, bands(valued, valuation, decision.assessment(), time));
  }

  /**
   * What this valuation guarantees (README "Trigger index"): an account with a liquidation past its deadline, under
   * maintenance with no liquidation open (one is due at the next fresh price), bankrupt, or a lending account under
   * water (its health is reported on every valuation) is revalued on every price; any other keeps its outputs while
   * every price stays in its band and until its next margin-update heartbeat. An account under maintenance with its
   * liquidation open decides nothing new until the deadline's timer unless its status or ratio step changes, so it
   * has bands too.
   */
  private SafeBands bands(AccountState valued, Valuation valuation, MarginAssessment a, long time) {
    AccountMemory memory = valued.memory();
    long heartbeat = memory.lastUpdateTime() > Long.MAX_VALUE - settings.updateHeartbeatMillis() ? Long.MAX_VALUE
        : memory.lastUpdateTime() + settings.updateHeartbeatMillis();
    PendingLiquidation pending = valued.pending();
    boolean overdue = pending != null && pending.escalates() && time >= pending.deadline();
    boolean everyPrice = a.status() == MarginStatus.BANKRUPT
        || a.liquidatable() && (pending == null || valued.ledger().mode() == MarginMode.LENDING);
    if (overdue || everyPrice) {
      return new SafeBands(time, heartbeat, valuation.underlyings().stream().map(PriceBand::none).toList(),
          List.of());
    }
    BandCalculator.Bands bands = bandCalculator.bands(valuation.account, valuation.instruments, valuation.market, a,
        memory.lastRatio());
    return new SafeBands(time, Math.min(heartbeat, bands.validUntil()), bands.bands(), List.of(), bands.vols());
  }

  private AccountState decide(AccountState account, Valuation valuation, MarginDecision decision, long time,
      boolean escalate, List<AccountOutput> out) {
    AccountLedger books = account.ledger();
    MarginAssessment a = decision.assessment();
    AccountMemory last = account.memory();
    AccountMemory next = last;
    if (updateDue(last, a, time)) {
      long sequence = last.updateSequence() + 1;
      BigDecimal equity = books.mode() == MarginMode.LENDING ? BigDecimal.valueOf(a.equity())
          : valuation.exactEquity(books);
      String currency = valuation.account.currency();
      out.add(outputs.marginUpdate(a, equity, time, sequence, time - valuation.oldestSourceTime, currency));
      if (a.status() == MarginStatus.MARGIN_CALL) {
        out.add(outputs.marginCall(a, equity, time, currency));
      }
      for (PositionRisk p : a.positions()) {
        double entry = valuation.entryPrice(books, p.instrumentId());
        if (Math.signum(p.quantity()) * (p.markPrice() - entry) > 0) {
          // Only positions in profit can be deleveraged; the ADL stage re-checks profit when it ranks.
          out.add(new AccountOutput.AdlPositionReported(new AdlPosition(p.instrumentId(), books.accountId(), time,
              p.quantity(), entry, p.markPrice(), p.bankruptcyPrice())));
        }
      }
      next = last.updated(a.marginRatio(), a.status(), time);
    }
    if (books.mode() == MarginMode.LENDING) {
      boolean underwater = a.liquidatable();
      if (underwater || next.auctionNotified()) {
        out.add(new AccountOutput.LendingHealth(LendingStatuses.of(books, a, valuation, time)));
      }
      if (underwater != next.auctionNotified()) {
        next = next.notified(underwater);
      }
      return account.withMemory(next);
    }
    AccountState valued = account.withMemory(next);
    return valuation.stale ? valued : liquidate(decision, valued, valuation, time, escalate, out);
  }

  private boolean updateDue(AccountMemory last, MarginAssessment a, long time) {
    boolean statusChanged = a.status() != last.lastStatus();
    boolean moved = Double.isNaN(last.lastRatio())
        || relativeMove(last.lastRatio(), a.marginRatio()) > settings.updateRatioStep();
    boolean heartbeat = time - last.lastUpdateTime() >= settings.updateHeartbeatMillis();
    return statusChanged || moved || heartbeat;
  }

  private AccountState liquidate(MarginDecision decision, AccountState account, Valuation valuation, long time,
      boolean escalate, List<AccountOutput> out) {
    AccountLedger books = account.ledger();
    AccountMemory memory = account.memory();
    PendingLiquidation open = account.pending();
    if (open != null && !escalate) {
      return account; // one liquidation at a time
    }
    if (!(decision instanceof MarginDecision.Liquidate liquidate)) {
      // Back above maintenance before the deadline: nothing left to escalate.
      return open == null ? account : account.withPending(null);
    }
    if (open == null && offerable(books, valuation)) {
      return offer(account, valuation, decision.assessment(), time, out);
    }
    // An offer that closed without a takeover booked: liquidated as without an auction, from its first attempt.
    boolean afterOffer = open != null && open.offer();
    LiquidationPlan plan = settings.mode() == LiquidationMode.FULL
        ? planner.planFull(valuation.account, valuation.instruments, valuation.market) : liquidate.plan();
    long number = open != null ? open.number() : memory.liquidations() + 1;
    int attempt = open != null ? open.attempt() + 1 : 1;
    LiquidationKind kind = open == null || afterOffer ? plan.kind()
        : attempt <= settings.maxReplans() + 1 ? LiquidationKind.REPLAN : LiquidationKind.TAKEOVER;
    if (open != null && attempt > settings.maxReplans() + 2) {
      // Taken over and still unfilled: left for the venue and counted as stuck; no further escalation.
      return account.withPending(new PendingLiquidation(number, attempt, PendingLiquidation.NO_DEADLINE,
          open.orders()));
    }
    // Replaced orders stay known (late fills still settle against them) but no longer count as outstanding.
    List<PendingOrder> orders = new ArrayList<>();
    for (PendingOrder old : open == null ? new PendingOrder[0] : open.orders()) {
      orders.add(old.replaced());
    }
    List<PlannedOrder> planned = kind == LiquidationKind.TAKEOVER
        ? planner.planFull(valuation.account, valuation.instruments, valuation.market).orders() : plan.orders();
    if (planned.isEmpty()) {
      return account;
    }
    for (PlannedOrder order : planned) {
      AccountOutput.LiquidationOrdered emitted = BookOutputs.order(books.accountId(), number, attempt, kind, order,
          plan, valuation, time);
      out.add(emitted);
      orders.add(new PendingOrder(emitted.orderId(), order.instrumentId(), order.side(), emitted.quantity(),
          emitted.bankruptcyPrice(), BigDecimal.valueOf(Contract.of(valuation.instruments.get(order.instrumentId()))
              .penaltyRate())));
    }
    return new AccountState(books, memory.liquidationStarted(number), new PendingLiquidation(number, attempt,
        time + settings.liquidationTimeoutMillis(), orders.toArray(PendingOrder[]::new)));
  }

  /**
   * Offers the whole portfolio to the backstop providers: one order per position for all of it, without penalty, at
   * its bankruptcy price (the takeover's fills settle against them), pending until the auction's close plus the
   * grace the venue has to book a winner's transfer; then, if nothing was booked, the liquidation of today.
   */
  private AccountState offer(AccountState account, Valuation valuation, MarginAssessment a, long time,
      List<AccountOutput> out) {
    AccountLedger books = account.ledger();
    long number = account.memory().liquidations() + 1;
    LiquidationPlan full = planner.planFull(valuation.account, valuation.instruments, valuation.market);
    List<PendingOrder> orders = new ArrayList<>();
    List<AccountOutput.OfferedPosition> positions = new ArrayList<>();
    for (PlannedOrder order : full.orders()) {
      AccountOutput.LiquidationOrdered planned = BookOutputs.order(books.accountId(), number,
          PendingLiquidation.OFFER_ATTEMPT, LiquidationKind.FULL, order, full, valuation, time);
      BigDecimal held = books.position(order.instrumentId()).quantity();
      positions.add(new AccountOutput.OfferedPosition(planned.orderId(), order.instrumentId(), held,
          planned.markPrice(), BigDecimal.valueOf(Contract.of(valuation.instruments.get(order.instrumentId()))
              .contractSize()), planned.bankruptcyPrice()));
      orders.add(new PendingOrder(planned.orderId(), order.instrumentId(), order.side(), held.abs(),
          planned.bankruptcyPrice(), BigDecimal.ZERO));
    }
    if (orders.isEmpty()) {
      return account;
    }
    RiskAuction auction = settings.riskAuction();
    out.add(new AccountOutput.PortfolioOffered(books.accountId() + "/" + number, books.accountId(), time,
        time + auction.windowMillis(), books.currency(), valuation.exactEquity(books), Money.requirement(
        a.initialMargin()), Money.requirement(a.maintenanceMargin()), Money.requirement(Math.max(0,
        -TakeoverCheck.worstScenario(valuation))), positions));
    return new AccountState(books, account.memory().liquidationStarted(number), new PendingLiquidation(number,
        PendingLiquidation.OFFER_ATTEMPT, time + auction.windowMillis() + auction.graceMillis(),
        orders.toArray(PendingOrder[]::new)));
  }

  /**
   * Whether the account goes to the risk auction first: with the auction on, a USD margin account (not lending)
   * whose positions all settle in USD (coin-settled books are liquidated as without an auction).
   */
  private boolean offerable(AccountLedger books, Valuation valuation) {
    return settings.riskAuction().enabled() && books.mode() != MarginMode.LENDING
        && Account.QUOTE.equals(books.currency()) && books.collateral().length == 0
        && valuation.instruments.values().stream()
            .allMatch(i -> Account.QUOTE.equals(MarginCalculator.settlementCurrency(i)));
  }

  private static double relativeMove(double from, double to) {
    if (Double.isInfinite(from) || Double.isInfinite(to)) {
      return from == to ? 0 : Double.POSITIVE_INFINITY;
    }
    return Math.abs(to - from) / Math.max(Math.abs(from), 1e-12);
  }
}
