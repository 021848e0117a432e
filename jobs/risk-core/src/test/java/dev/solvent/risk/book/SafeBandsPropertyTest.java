package dev.solvent.risk.book;

import dev.solvent.risk.account.Account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.risk.account.MarginMode;
import dev.solvent.risk.account.RiskParameters;
import dev.solvent.risk.account.UnderlyingConditions;
import dev.solvent.risk.instrument.CollateralAsset;
import dev.solvent.risk.instrument.Contract;
import dev.solvent.risk.instrument.Instrument;
import dev.solvent.risk.instrument.LinearContract;
import dev.solvent.risk.instrument.LoanAsset;
import dev.solvent.risk.instrument.OptionContract;
import dev.solvent.risk.liquidation.LiquidationMode;
import dev.solvent.risk.margin.DynamicMargin;
import dev.solvent.risk.margin.MaintenanceBasis;
import dev.solvent.risk.margin.MarginSchedule;
import dev.solvent.risk.portfolio.RiskArrayCalculator;
import dev.solvent.risk.portfolio.ScenarioGrid;
import dev.solvent.risk.pricing.OptionType;
import dev.solvent.risk.trigger.ConditionBuckets;
import dev.solvent.risk.trigger.PriceBand;
import dev.solvent.risk.trigger.SafeBands;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The trigger index's promise, by property: over random portfolios (every margin mode, tiered brackets, collateral,
 * loans, options, both maintenance conventions) and random price paths (calm drifts, crash gaps, realized volatility and book depth moving with
 * them), an account valued only when a price leaves its band, an option's implied volatility leaves its volatility
 * band, its heartbeat is due, its deadline falls or a condition bucket changes produces exactly the outputs and the state of the same account valued on every price of
 * what it holds.
 */
class SafeBandsPropertyTest {

  private static final LinearContract BTC = new LinearContract("BTC-PERP", "BTC", 0, 1, 0.001,
      MarginSchedule.fromRates(new double[][] {{0, 125, 0.004}, {50_000, 100, 0.005}, {250_000, 50, 0.01},
          {1_000_000, 20, 0.025}}), 0.002, "usd");
  /** Margined at entry (Bybit's convention); BTC at the mark (Binance's). */
  private static final LinearContract ETH = new LinearContract("ETH-PERP", "ETH", 0, 0.1, 0.1,
      MarginSchedule.flat(50, 0.01), 0.002, "usd", MaintenanceBasis.ENTRY);
  private static final CollateralAsset ETH_SPOT = new CollateralAsset("ETH", "ETH", 0.1, 0.8, 0.05, 0.1);
  private static final CollateralAsset BTC_SPOT = new CollateralAsset("BTC", "BTC", 0.05, 0.85, 0.05, 0.1);
  private static final LoanAsset USDC = new LoanAsset("USDC", "USDC");
  private static final OptionContract BTC_PUT = new OptionContract("BTC-P90", "BTC", OptionType.PUT, 90_000,
      30L * 86_400_000, 1, 0.1, 0.002, "usd");
  private static final List<Instrument> LISTED = List.of(BTC, ETH, ETH_SPOT, BTC_SPOT, USDC, BTC_PUT);
  private static final String[] UNDERLYINGS = {"BTC", "ETH", "USDC"};

  private static final RiskParameters PARAMETERS = RiskParameters.DEFAULT.withDynamic(DynamicMargin.DEFAULT);
  private static final AccountBook.Settings SETTINGS = new AccountBook.Settings(0.05, 120_000, 20_000, 1,
      LiquidationMode.PARTIAL, "USD", 300_000);
  private static final RiskArrayCalculator ARRAYS = new RiskArrayCalculator(ScenarioGrid.DEFAULT);

  private final AccountBook book = new AccountBook(PARAMETERS, SETTINGS);

  /** One underlying's oracle publication. */
  private record Tick(long time, String underlying, double spot, UnderlyingConditions conditions, double vol) {}

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  void anAccountNotRevaluedInsideItsBandsWouldHaveDecidedNothingElse(long seed) {
    Random random = new Random(seed);
    List<Tick> ticks = path(random, 3_000);
    int accounts = 0;
    long skipped = 0;
    long valued = 0;
    long optionSkipped = 0;
    long optionValued = 0;
    for (int a = 0; a < 40; a++) {
      List<AccountEvent> opening = account(random, "a" + a);
      Replay full = replay(opening, ticks, false);
      Replay banded = replay(opening, ticks, true);
      assertThat(banded.outputs).as("seed %d account %d: %s", seed, a, opening).isEqualTo(full.outputs);
      assertThat(banded.state).isEqualTo(full.state);
      accounts++;
      skipped += full.valuations - banded.valuations;
      valued += banded.valuations;
      if (opening.stream().anyMatch(e -> e instanceof AccountEvent.Trade t && t.instrumentId().equals(BTC_PUT.id()))) {
        optionSkipped += full.valuations - banded.valuations;
        optionValued += banded.valuations;
      }
    }
    assertThat(accounts).isEqualTo(40);
    // Not vacuous: many valuations on these paths are skipped (accounts liquidated without fills stay under
    // maintenance and keep bands while their liquidation is open), and many are not.
    assertThat(skipped).isGreaterThan((skipped + valued) / 4);
    assertThat(valued).isGreaterThan(0);
    // Option holders too, through their volatility bands, though every seed moves implied volatility at every tick.
    assertThat(optionSkipped).isGreaterThan(0);
    assertThat(optionValued).isGreaterThan(0);
  }

  private static final class Replay {
    final List<String> outputs = new ArrayList<>();
    AccountState state;
    long valuations;
    long lastTime = Long.MIN_VALUE;
  }

  /**
   * Steps one account through the path: at the opening, on each price of an underlying it holds (always, or only
   * when the bands say so), and at its liquidation deadlines, as the account stage's timers would.
   */
  private Replay replay(List<AccountEvent> opening, List<Tick> ticks, boolean banded) {
    Replay replay = new Replay();
    Map<String, Tick> latest = new HashMap<>();
    Map<String, Tick> previous = new HashMap<>();
    long start = ticks.get(0).time();
    for (Tick t : ticks) {
      if (t.time() <= start) {
        latest.put(t.underlying(), t);
      }
    }
    AccountBook.Step step = book.step(null, opening, market(latest, start), start);
    SafeBands bands = record(replay, step, start);
    for (Tick t : ticks) {
      if (t.time() <= start) {
        continue;
      }
      long deadline = deadline(replay.state);
      if (deadline <= t.time() && deadline > replay.lastTime) {
        bands = record(replay, book.step(replay.state, List.of(), market(latest, deadline), deadline), deadline);
      }
      previous.put(t.underlying(), latest.get(t.underlying()));
      latest.put(t.underlying(), t);
      PriceBand band = bands.bands().stream().filter(b -> b.underlying().equals(t.underlying())).findFirst()
          .orElse(null);
      boolean waiting = bands.unpriced().stream().anyMatch(id -> underlying(id).equals(t.underlying()));
      if (band == null && !waiting) {
        continue; // not held: the account stage never hears of this price
      }
      if (banded && !waiting && band.contains(t.spot()) && t.time() < bands.validUntil()
          && band.holdsMultiplier(PARAMETERS.dynamic().volMultiplier(t.conditions().realizedVol()))
          && !bucketChanged(previous.get(t.underlying()), t)
          && bands.vols().stream().allMatch(v -> !underlying(v.instrument()).equals(t.underlying())
              || v.contains(t.vol()))) {
        continue;
      }
      bands = record(replay, book.step(replay.state, List.of(), market(latest, t.time()), t.time()), t.time());
    }
    return replay;
  }

  private static SafeBands record(Replay replay, AccountBook.Step step, long time) {
    step.outputs().forEach(o -> replay.outputs.add(time + " " + o));
    replay.state = step.state();
    replay.valuations++;
    replay.lastTime = time;
    return step.bands();
  }

  private static long deadline(AccountState state) {
    return state != null && state.pending() != null && state.pending().escalates() ? state.pending().deadline()
        : Long.MAX_VALUE;
  }

  private static boolean bucketChanged(Tick before, Tick now) {
    if (before == null) {
      return true;
    }
    UnderlyingConditions b = before.conditions();
    UnderlyingConditions n = now.conditions();
    return ConditionBuckets.depthBucket(b.bidDepth2Pct()) != ConditionBuckets.depthBucket(n.bidDepth2Pct())
        || ConditionBuckets.depthBucket(b.askDepth2Pct()) != ConditionBuckets.depthBucket(n.askDepth2Pct());
  }

  private static String underlying(String instrumentId) {
    return LISTED.stream().filter(i -> i.id().equals(instrumentId)).findFirst().orElseThrow().underlying();
  }

  private static Market market(Map<String, Tick> latest, long time) {
    Map<String, PricedInstrument> priced = new HashMap<>();
    for (Instrument instrument : LISTED) {
      Tick tick = latest.get(instrument.underlying());
      if (tick != null) {
        BigDecimal size = BigDecimal.valueOf(instrument instanceof Contract c ? c.contractSize() : 1);
        priced.put(instrument.id(), new PricedInstrument(instrument, size,
            ARRAYS.compute(instrument, tick.spot(), tick.vol(), 0, tick.time()), tick.conditions(), false,
            tick.time() - 200));
      }
    }
    return priced::get;
  }

  /**
   * Prices of the three underlyings, each on its own clock: calm drift, bursts of volatility, and crash gaps; implied
   * volatilities that jitter and rise as prices fall.
   */
  private static List<Tick> path(Random random, int count) {
    Map<String, double[]> state = new TreeMap<>(Map.of("BTC", new double[] {100_000, 0.5, 2e6, 2e6, 0.7},
        "ETH", new double[] {3_000, 0.6, 5e5, 5e5, 0.8}, "USDC", new double[] {1, 0.01, Double.NaN, Double.NaN, 0.1}));
    List<Tick> ticks = new ArrayList<>();
    long time = 0;
    double regime = 0.0005;
    for (int i = 0; i < count; i++) {
      time += 200 + random.nextInt(3_000);
      if (random.nextInt(300) == 0) {
        regime = regime > 0.001 ? 0.0005 : 0.005 + 0.01 * random.nextDouble();
      }
      String u = UNDERLYINGS[random.nextInt(10) < 9 ? random.nextInt(2) : 2];
      double[] s = state.get(u);
      double move = u.equals("USDC") ? 0.0002 * random.nextGaussian() : regime * random.nextGaussian();
      if (!u.equals("USDC") && random.nextInt(400) == 0) {
        move = -0.04 - 0.04 * random.nextDouble(); // a gap: the book emptied
      }
      s[0] *= 1 + move;
      s[1] = Math.max(0.05, s[1] * (1 + 0.002 * random.nextGaussian()) + 0.5 * Math.abs(move));
      if (!Double.isNaN(s[2])) {
        s[2] *= 1 + 0.01 * random.nextGaussian();
        s[3] *= 1 + 0.01 * random.nextGaussian();
      }
      s[4] *= Math.exp(0.01 * random.nextGaussian() - 3 * move); // implied vol: noisy, up when the price falls
      ticks.add(new Tick(time, u, s[0], new UnderlyingConditions(s[1], s[2], s[3]), s[4]));
    }
    // Every underlying priced at the start, so opening trades find a mark.
    ticks.add(0, new Tick(0, "USDC", 1, new UnderlyingConditions(0.01, Double.NaN, Double.NaN), 0.1));
    ticks.add(0, new Tick(0, "ETH", 3_000, new UnderlyingConditions(0.6, 5e5, 5e5), 0.8));
    ticks.add(0, new Tick(0, "BTC", 100_000, new UnderlyingConditions(0.5, 2e6, 2e6), 0.7));
    return ticks;
  }

  private static List<AccountEvent> account(Random random, String id) {
    List<AccountEvent> events = new ArrayList<>();
    int kind = random.nextInt(4);
    MarginMode mode = switch (kind) {
      case 0 -> MarginMode.CROSS;
      case 1 -> MarginMode.ISOLATED;
      case 2 -> MarginMode.PORTFOLIO;
      default -> MarginMode.LENDING;
    };
    events.add(new AccountEvent.Opened(id, 1, mode, "usd", Account.QUOTE));
    long seq = 2;
    if (mode == MarginMode.LENDING) {
      boolean eth = random.nextBoolean();
      double units = eth ? 1 + random.nextInt(50) : 0.1 + random.nextInt(5);
      double value = units * (eth ? 3_000 * 0.8 : 100_000 * 0.85);
      events.add(new AccountEvent.Deposit(id, seq++, eth ? "ETH" : "BTC", money(units)));
      events.add(new AccountEvent.Borrow(id, seq++, "USDC", money(value * (0.5 + 0.45 * random.nextDouble()))));
      return events;
    }
    double cash = 1_000 + random.nextInt(50_000);
    events.add(new AccountEvent.Deposit(id, seq++, "USD", money(cash)));
    if (random.nextInt(3) == 0) {
      events.add(new AccountEvent.Deposit(id, seq++, "ETH", money(1 + random.nextInt(5))));
    }
    double leverage = 1 + 15 * random.nextDouble();
    int trades = 1 + random.nextInt(3);
    for (int i = 0; i < trades; i++) {
      int which = random.nextInt(mode == MarginMode.PORTFOLIO ? 3 : 2);
      double side = random.nextBoolean() ? 1 : -1;
      double notional = cash * leverage / trades;
      if (which == 0) {
        events.add(new AccountEvent.Trade(id, seq++, "BTC-PERP", lots(side * notional / 100_000, 0.001),
            money(100_000), BigDecimal.ZERO));
      } else if (which == 1) {
        events.add(new AccountEvent.Trade(id, seq++, "ETH-PERP", lots(side * notional / 300, 0.1), money(3_000),
            BigDecimal.ZERO));
      } else {
        events.add(new AccountEvent.Trade(id, seq++, "BTC-P90", lots(-Math.abs(notional) / 100_000, 0.1),
            money(1_500), BigDecimal.ZERO));
      }
    }
    return events;
  }

  private static BigDecimal money(double amount) {
    return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_EVEN);
  }

  private static BigDecimal lots(double quantity, double lot) {
    long n = Math.max(1, Math.round(Math.abs(quantity) / lot));
    return BigDecimal.valueOf(lot).multiply(BigDecimal.valueOf(n * (long) Math.signum(quantity == 0 ? 1 : quantity)));
  }
}
