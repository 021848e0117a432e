package dev.solvent.harness.explain;

import dev.solvent.avro.account.AccountEvent;
import dev.solvent.avro.instruments.Instrument;
import dev.solvent.avro.instruments.InstrumentUpdate;
import dev.solvent.avro.oracle.OraclePrice;
import dev.solvent.avro.vols.MarketVol;
import dev.solvent.avro.vols.VolQuote;
import dev.solvent.harness.loop.LoopRecord;
import dev.solvent.job.account.AccountEvents;
import dev.solvent.job.account.RiskSettings;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.job.model.Instruments;
import dev.solvent.job.riskarrays.RiskArraysFunction;
import dev.solvent.job.riskarrays.UnderlyingMemory;
import dev.solvent.risk.account.UnderlyingConditions;
import dev.solvent.risk.book.AccountBook;
import dev.solvent.risk.book.AccountOutput;
import dev.solvent.risk.book.AccountState;
import dev.solvent.risk.book.Market;
import dev.solvent.risk.book.PricedInstrument;
import dev.solvent.risk.portfolio.RiskArrayCalculator;
import dev.solvent.risk.portfolio.ScenarioGrid;
import dev.solvent.schema.Topics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One account's history rebuilt from recorded topics, as the job stepped it: its account events, and the risk arrays
 * of every oracle publication as the risk-array stage computes them from the instruments, the implied volatilities and
 * the oracle's prices (mark, staleness, realized volatility of the mark, the depth the oracle saw), stepped through
 * the same {@link AccountBook} at every instant the job values the account: its own events, each publication of an
 * underlying it holds, and its liquidation deadlines. What the job decided is therefore what this decides, given the
 * job's configuration; {@code AccountRebuildITCase} checks every liquidation order of a seeded run.
 *
 * <p>Not rebuilt: events the job dead-lettered (a run whose account events were rejected at ingestion would be
 * rebuilt with them); a run over {@code oracle.prices} v1 records, which carry no book depth, rebuilds the liquidity
 * add-on with no depth.
 */
public final class AccountRebuild {

  /** The account at an instant: its state after every step up to it, and the step at that very instant, if any. */
  public record At(long time, AccountState state, Market market, List<AccountOutput> outputsAtTime, long lastStep) {

    public Optional<AccountBook.Snapshot> snapshot() {
      return AccountBook.snapshot(state, market, time);
    }
  }

  private final AccountBook book;
  /** The account's events by event time, each instant's in sequence order, as the validated stream carries them. */
  private final TreeMap<Long, List<AccountEvent>> events;
  private final Markets markets;

  private AccountRebuild(AccountBook book, TreeMap<Long, List<AccountEvent>> events, Markets markets) {
    this.book = book;
    this.events = events;
    this.markets = markets;
  }

  /** From the records of a run's topics (inputs and outputs: {@code oracle.prices} is one of the job's outputs). */
  public static AccountRebuild of(String accountId, List<LoopRecord> records, SolventConfig config) {
    TreeMap<Long, List<AccountEvent>> events = new TreeMap<>();
    for (LoopRecord r : records) {
      if (r.record() instanceof AccountEvent event && !(event.getPayload()
          instanceof dev.solvent.avro.account.Heartbeat)
          && Topics.accountIdOf(event.getPayload()).filter(accountId::equals).isPresent()) {
        events.computeIfAbsent(event.getEventTime().toEpochMilli(), t -> new ArrayList<>()).add(event);
      }
    }
    events.values().forEach(at -> at.sort(Comparator.comparingLong(AccountEvent::getSequence)));
    return new AccountRebuild(new AccountBook(RiskSettings.parameters(config), RiskSettings.book(config)), events,
        new Markets(records, config));
  }

  /** Whether the records hold any event of the account. */
  public boolean known() {
    return !events.isEmpty();
  }

  /** One step of the account: the instant and the book's outputs there. */
  public record Stepped(long time, List<AccountOutput> outputs) {}

  /** The account stepped through every instant up to and including {@code time}. */
  public At at(long time) {
    List<Stepped> steps = new ArrayList<>();
    AccountState state = walk(time, steps);
    Stepped last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
    return new At(time, state, markets.at(time), last != null && last.time() == time ? last.outputs() : List.of(),
        last == null ? Long.MIN_VALUE : last.time());
  }

  /** Every step of the account up to and including {@code time}, with its outputs. */
  public List<Stepped> steps(long time) {
    List<Stepped> steps = new ArrayList<>();
    walk(time, steps);
    return steps;
  }

  private AccountState walk(long time, List<Stepped> steps) {
    TreeSet<Long> due = new TreeSet<>(events.headMap(time, true).keySet());
    due.addAll(markets.publicationTimes(time));
    AccountState state = null;
    while (!due.isEmpty()) {
      long next = due.pollFirst();
      boolean ownEvents = events.containsKey(next);
      if (!ownEvents && !holdsUnderlyingPricedAt(state, next) && !deadlineAt(state, next)) {
        continue;
      }
      List<dev.solvent.risk.book.AccountEvent> now = events.getOrDefault(next, List.of()).stream()
          .map(e -> AccountEvents.toCore(e, book.settings().cashAsset())).toList();
      AccountBook.Step step = book.step(state, now, markets.at(next), next);
      if (step.state() != null) {
        state = step.state();
        var pending = state.pending();
        if (pending != null && pending.escalates() && pending.deadline() > next && pending.deadline() <= time) {
          due.add(pending.deadline());
        }
      }
      steps.add(new Stepped(next, step.outputs()));
    }
    return state;
  }

  /** Every holder of an instrument of a revalued underlying is valued at the publication, as the job does. */
  private boolean holdsUnderlyingPricedAt(AccountState state, long time) {
    if (state == null || state.ledger() == null) {
      return false;
    }
    for (String instrument : state.ledger().heldInstruments()) {
      if (markets.revaluedAt(time).contains(instrument)) {
        return true;
      }
    }
    return false;
  }

  private static boolean deadlineAt(AccountState state, long time) {
    return state != null && state.pending() != null && state.pending().escalates()
        && state.pending().deadline() == time;
  }

  /**
   * The risk arrays of every oracle publication, as {@code RiskArraysFunction} computes them: per underlying, specs
   * and implied volatilities apply from their own event time, before a price at the same instant; each price values
   * every spec of the underlying at the oracle's mark with its own implied vol, else the underlying's, else the
   * default, at the configured rate.
   */
  private static final class Markets {
    private final RiskArrayCalculator calculator = new RiskArrayCalculator(ScenarioGrid.DEFAULT);
    /** instrument → publication time → its pricing */
    private final Map<String, TreeMap<Long, PricedInstrument>> priced = new HashMap<>();
    private final TreeMap<Long, Set<String>> revalued = new TreeMap<>();

    Markets(List<LoopRecord> records, SolventConfig config) {
      double rate = config.get(SolventConfig.RATE);
      double defaultVol = config.get(SolventConfig.DEFAULT_VOL);
      long halfLife = config.get(SolventConfig.REALIZED_VOL_HALF_LIFE);
      // Per underlying, its stage inputs in time order: specs (0), vols (1), prices (2) at one instant.
      Map<String, TreeMap<Long, List<Object>>> inputs = new TreeMap<>();
      for (LoopRecord r : records) {
        if (r.record() instanceof InstrumentUpdate u && u.getPayload() instanceof Instrument spec) {
          add(inputs, spec.getUnderlying(), u.getEventTime().toEpochMilli(), spec);
        } else if (r.record() instanceof MarketVol v && v.getPayload() instanceof VolQuote q) {
          add(inputs, q.getUnderlying(), v.getEventTime().toEpochMilli(), q);
        } else if (r.record() instanceof OraclePrice p) {
          add(inputs, p.getUnderlying(), p.getPublishTime().toEpochMilli(), p);
        }
      }
      inputs.forEach((underlying, byTime) -> {
        TreeMap<String, Instrument> specs = new TreeMap<>();
        Map<String, Double> vols = new HashMap<>();
        UnderlyingMemory memory = null;
        for (var instant : byTime.entrySet()) {
          long time = instant.getKey();
          List<Object> ordered = new ArrayList<>(instant.getValue());
          ordered.sort(Comparator.comparingInt(Markets::rank));
          for (Object input : ordered) {
            if (input instanceof Instrument spec) {
              specs.put(spec.getInstrumentId(), spec);
            } else if (input instanceof VolQuote q) {
              vols.put(q.getInstrumentId() == null ? "" : q.getInstrumentId(), q.getImpliedVol());
            } else {
              OraclePrice p = (OraclePrice) input;
              double mark = p.getMarkPrice().doubleValue();
              memory = UnderlyingMemory.after(memory, mark, time, halfLife);
              UnderlyingConditions conditions = new UnderlyingConditions(memory.realizedVol(),
                  depth(p.getBidDepth2Pct()), depth(p.getAskDepth2Pct()));
              for (Instrument spec : specs.values()) {
                double vol = RiskArraysFunction.impliedVol(vols.get(spec.getInstrumentId()), vols.get(""), defaultVol);
                var core = Instruments.toCore(spec);
                priced.computeIfAbsent(spec.getInstrumentId(), i -> new TreeMap<>()).put(time,
                    new PricedInstrument(core, spec.getContractSize(), calculator.compute(core, mark, vol, rate, time),
                        conditions, p.getStale(), p.getSourceTime().toEpochMilli()));
                revalued.computeIfAbsent(time, t -> new TreeSet<>()).add(spec.getInstrumentId());
              }
            }
          }
        }
      });
    }

    private static void add(Map<String, TreeMap<Long, List<Object>>> inputs, String underlying, long time,
        Object input) {
      inputs.computeIfAbsent(underlying, u -> new TreeMap<>()).computeIfAbsent(time, t -> new ArrayList<>()).add(input);
    }

    private static int rank(Object input) {
      return input instanceof Instrument ? 0 : input instanceof VolQuote ? 1 : 2;
    }

    private static double depth(java.math.BigDecimal value) {
      return value == null ? Double.NaN : value.doubleValue();
    }

    Set<Long> publicationTimes(long until) {
      return revalued.headMap(until, true).keySet();
    }

    Set<String> revaluedAt(long time) {
      return revalued.getOrDefault(time, Set.of());
    }

    Market at(long time) {
      return id -> {
        var versions = priced.get(id);
        var latest = versions == null ? null : versions.floorEntry(time);
        return latest == null ? null : latest.getValue();
      };
    }
  }
}
