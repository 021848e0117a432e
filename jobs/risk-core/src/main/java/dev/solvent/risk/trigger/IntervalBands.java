package dev.solvent.risk.trigger;

import dev.solvent.risk.account.Account;
import dev.solvent.risk.account.MarginMode;
import dev.solvent.risk.account.MarketState;
import dev.solvent.risk.account.Position;
import dev.solvent.risk.account.RiskParameters;
import dev.solvent.risk.account.UnderlyingConditions;
import dev.solvent.risk.instrument.CollateralAsset;
import dev.solvent.risk.instrument.Instrument;
import dev.solvent.risk.instrument.LinearContract;
import dev.solvent.risk.instrument.OptionContract;
import dev.solvent.risk.margin.MaintenanceBasis;
import dev.solvent.risk.margin.MarginTier;
import dev.solvent.risk.portfolio.RiskArray;
import dev.solvent.risk.portfolio.RiskArrayCalculator;
import dev.solvent.risk.portfolio.ScenarioGrid;
import dev.solvent.risk.pricing.Black76;
import dev.solvent.risk.pricing.NormalDistribution;
import dev.solvent.risk.pricing.OptionType;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Bands for accounts holding options (README "Trigger index"): whether the account's ratio provably stays in its
 * range while every underlying's price stays within ±x of its valuation's, every held option's implied volatility
 * within ±v of its own, and time advances by at most {@link #WINDOW_MILLIS}, by interval bounds on every term of E
 * and MM over that box. Black-76 at a zero rate depends on volatility and time only through u = σ√τ and is monotone
 * in the price (calls up, puts down) and in u, so a premium's range over the box is its value at two corners; each
 * scenario's P&L is a difference of two such premiums; d1 = ln(S/K)/u + u/2 is monotone in the price and unimodal in
 * u, which bounds the density, delta, gamma and vega that the liquidity add-on and the portfolio's gamma and vega
 * charges read. Linear terms are exact at the box's edges, collateral and debt too; brackets must not change inside
 * the box. The widest box of {@link #BOXES} that passes gives every underlying's price band and every option's
 * volatility band.
 */
final class IntervalBands {

  /** How long a band with options holds (their time decay is bounded over this window). */
  static final long WINDOW_MILLIS = 300_000;
  /**
   * Relative half-widths (price, volatility), widest first, each box inside the one before. Volatility keeps the
   * wider side: an implied volatility quote moves by percents where the price moves by basis points. The last box
   * is the narrowest worth indexing; an account that fails it is revalued at every price.
   */
  static final double[][] BOXES = {
      {0.05, 0.10}, {0.025, 0.10}, {0.025, 0.05}, {0.0125, 0.05}, {0.0125, 0.025}, {0.005, 0.025},
      {0.0025, 0.025}, {0.0025, 0.01}, {0.001, 0.01}, {0.0005, 0.005}, {0.00025, 0.0025}};

  private final RiskParameters parameters;

  IntervalBands(RiskParameters parameters) {
    this.parameters = parameters;
  }

  /** Relative half-widths of price and implied volatility that keep the ratio in its range. */
  record Box(double price, double vol) {}

  /**
   * The widest box of {@link #BOXES} that keeps the ratio in {@code range}; null when none does (also when an option
   * was priced at a non-zero rate: the monotonicity in time holds at a zero rate).
   */
  Box box(Account account, Map<String, Instrument> instruments, MarketState market, RatioRange range,
      double equity, double maintenance) {
    Ranges now = ranges(account, instruments, market, 0, 0);
    // The bounds must hold the model's own valuation: a check of this reconstruction against the model.
    if (now == null || !(now.equityLo - now.tolerance <= equity && equity <= now.equityHi + now.tolerance
        && now.marginLo - now.tolerance <= maintenance && maintenance <= now.marginHi + now.tolerance)) {
      return null;
    }
    double[] narrowest = BOXES[BOXES.length - 1];
    if (!holds(ranges(account, instruments, market, narrowest[0], narrowest[1]), range)) {
      return null; // too close to a range edge for any box: one evaluation, not one per box
    }
    // Each box holds the next, so bounds that hold on one hold on every later one: a binary search.
    int holding = BOXES.length - 1;
    int failing = -1;
    while (holding - failing > 1) {
      int mid = (holding + failing) >>> 1;
      if (holds(ranges(account, instruments, market, BOXES[mid][0], BOXES[mid][1]), range)) {
        holding = mid;
      } else {
        failing = mid;
      }
    }
    return new Box(BOXES[holding][0], BOXES[holding][1]);
  }

  /** E and MM over a box, and the rounding allowance of their model's sums. */
  private record Ranges(double equityLo, double equityHi, double marginLo, double marginHi, double tolerance) {}

  private static boolean holds(Ranges r, RatioRange range) {
    if (r == null) {
      return false;
    }
    boolean lower = r.equityLo - range.low() * r.marginHi >= r.tolerance * (1 + range.low());
    boolean upper = !Double.isFinite(range.high())
        || range.high() * r.marginLo - r.equityHi >= r.tolerance * (1 + range.high());
    return lower && upper && r.marginLo > 0;
  }

  /** [lo, hi] pairs, summed as they go. */
  private static final class Sum {
    double lo;
    double hi;

    void add(double a, double b) {
      lo += Math.min(a, b);
      hi += Math.max(a, b);
    }

    void scaled(double q, double lo1, double hi1) {
      add(q * lo1, q * hi1);
    }
  }

  /** Null when the box crosses a bracket edge or an option's terms cannot be bounded. */
  private Ranges ranges(Account account, Map<String, Instrument> instruments, MarketState market, double x,
      double v) {
    boolean lending = account.mode() == MarginMode.LENDING;
    boolean portfolio = account.mode() == MarginMode.PORTFOLIO;
    Sum equity = new Sum();
    Sum margin = new Sum();
    if (!lending) {
      equity.add(account.walletBalance(), account.walletBalance());
    }
    double scale = Math.abs(account.walletBalance());
    Map<String, Sum[]> scenarios = new TreeMap<>(); // portfolio: per underlying, per scenario, and gamma, vega
    // portfolio, per underlying: the add-ons, and the value of long options while the group holds nothing else
    Map<String, Sum> groupAddOns = new TreeMap<>();
    Map<String, Sum> longOptionValues = new TreeMap<>();
    java.util.Set<String> notLongOptionsOnly = new java.util.TreeSet<>();
    Map<String, Double> spots = new TreeMap<>();
    long now = market.nowMillis();
    ScenarioGrid grid = parameters.grid();
    for (Position p : account.positions()) {
      double q = p.quantity();
      if (q == 0) {
        continue;
      }
      RiskArray array = market.riskArray(p.instrumentId());
      double lo = array.spot() * (1 - x);
      double hi = array.spot() * (1 + x);
      double[] m = multipliers(market, array.underlying());
      UnderlyingConditions conditions = market.conditions(array.underlying());
      Instrument instrument = instruments.get(p.instrumentId());
      double cs = ((dev.solvent.risk.instrument.Contract) instrument).contractSize();
      scale += Math.abs(q) * cs * hi;
      Sum[] group = portfolio ? scenarios.computeIfAbsent(array.underlying(), u -> sums(grid.size() + 2)) : null;
      Sum addOns = portfolio ? groupAddOns.computeIfAbsent(array.underlying(), u -> new Sum()) : margin;
      spots.put(array.underlying(), array.spot());
      if (instrument instanceof LinearContract linear) {
        equity.add(q * cs * (lo - p.entryPrice()), q * cs * (hi - p.entryPrice()));
        double nLo = Math.abs(q) * cs * lo;
        double nHi = Math.abs(q) * cs * hi;
        addOn(addOns, q, nLo, nHi, conditions);
        notLongOptionsOnly.add(array.underlying());
        if (portfolio) {
          for (int s = 0; s < grid.size(); s++) {
            double k = grid.weight(s) * cs * grid.spotShock(s);
            group[s].scaled(q, k * lo, k * hi);
          }
        } else if (linear.maintenanceBasis() == MaintenanceBasis.ENTRY) {
          double fixed = linear.schedule().maintenanceMargin(linear.marginNotional(q, p.entryPrice(), 0));
          margin.add(m[0] * fixed, m[1] * fixed);
        } else {
          MarginTier tier = linear.schedule().tierFor(Math.abs(q) * array.markValue());
          if (!tier.contains(nLo) || !(nHi < tier.notionalCap())) {
            return null; // a bracket edge inside the box
          }
          margin.add(m[0] * tier.maintenanceMargin(nLo), m[1] * tier.maintenanceMargin(nHi));
        }
        continue;
      }
      OptionContract option = (OptionContract) instrument;
      OptionBox o = optionBox(option, array, grid.size(), now, x, v);
      if (o == null) {
        return null; // priced at another rate, or at a volatility the array does not name
      }
      equity.scaled(q * cs, o.premiumLo, o.premiumHi);
      int side = option.type() == OptionType.CALL ? 1 : -1;
      addOn(addOns, q * side, Math.abs(q) * cs * o.deltaLo * lo, Math.abs(q) * cs * o.deltaHi * hi, conditions);
      if (q > 0) {
        longOptionValues.computeIfAbsent(array.underlying(), u -> new Sum()).scaled(q * cs, o.premiumLo, o.premiumHi);
      } else {
        notLongOptionsOnly.add(array.underlying());
      }
      if (portfolio) {
        o.shock(grid);
        for (int s = 0; s < grid.size(); s++) {
          double w = grid.weight(s) * cs;
          group[s].scaled(q, w * (o.shockedLo[s] - o.premiumHi), w * (o.shockedHi[s] - o.premiumLo));
        }
        group[grid.size()].scaled(q, cs * o.densityLo / (hi * o.uHi), cs * o.densityHi / (lo * o.uLo));
        group[grid.size() + 1].scaled(q, cs * lo * o.densityLo * o.rootTauLo, cs * hi * o.densityHi * o.rootTauHi);
      } else if (q < 0) {
        double units = -q * cs;
        double mmLo = parameters.optionMargin().maintenanceRate() * lo + o.premiumLo;
        double mmHi = parameters.optionMargin().maintenanceRate() * hi + o.premiumHi;
        if (option.type() == OptionType.PUT) {
          mmLo = Math.min(mmLo, option.strike());
          mmHi = Math.min(mmHi, option.strike());
        }
        margin.add(m[0] * units * mmLo, m[1] * units * mmHi);
      }
    }
    for (var group : scenarios.entrySet()) {
      Sum[] s = group.getValue();
      double worstLo = 0;
      double worstHi = 0;
      for (int i = 0; i < grid.size(); i++) {
        worstLo = Math.min(worstLo, s[i].lo);
        worstHi = Math.min(worstHi, s[i].hi);
      }
      double spot = spots.get(group.getKey());
      double lo = spot * (1 - x) * parameters.portfolio().gammaShock();
      double hi = spot * (1 + x) * parameters.portfolio().gammaShock();
      double gammaLo = 0.5 * Math.max(0, -s[grid.size()].hi) * lo * lo;
      double gammaHi = 0.5 * Math.max(0, -s[grid.size()].lo) * hi * hi;
      Sum vega = s[grid.size() + 1];
      double vegaLo = vega.lo <= 0 && vega.hi >= 0 ? 0 : Math.min(Math.abs(vega.lo), Math.abs(vega.hi));
      double vegaHi = Math.max(Math.abs(vega.lo), Math.abs(vega.hi));
      double[] m = multipliers(market, group.getKey());
      Sum addOns = groupAddOns.get(group.getKey());
      double groupLo = m[0] * (-worstHi + gammaLo + vegaLo * parameters.portfolio().vegaShock()) + addOns.lo;
      double groupHi = m[1] * (-worstLo + gammaHi + vegaHi * parameters.portfolio().vegaShock()) + addOns.hi;
      if (!notLongOptionsOnly.contains(group.getKey()) && parameters.portfolio().capsLongOptions()) {
        // As the calculator: a group of long options only requires at most its value; min is monotone in both.
        Sum value = longOptionValues.get(group.getKey());
        groupLo = Math.min(groupLo, value.lo);
        groupHi = Math.min(groupHi, value.hi);
      }
      margin.add(groupLo, groupHi);
    }
    for (var c : account.collateral().entrySet()) {
      CollateralAsset asset = (CollateralAsset) instruments.get(c.getKey());
      RiskArray array = market.riskArray(c.getKey());
      double weight = lending ? asset.liquidationThreshold() : 1 - asset.haircut();
      equity.add(c.getValue() * array.spot() * (1 - x) * weight, c.getValue() * array.spot() * (1 + x) * weight);
      scale += c.getValue() * array.spot() * (1 + x);
    }
    for (var d : account.debt().entrySet()) {
      RiskArray array = market.riskArray(d.getKey());
      margin.add(d.getValue() * array.spot() * (1 - x), d.getValue() * array.spot() * (1 + x));
      scale += d.getValue() * array.spot() * (1 + x);
    }
    return new Ranges(equity.lo, equity.hi, margin.lo, margin.hi,
        BandCalculator.ROUNDING * (scale + Math.abs(equity.hi) + Math.abs(margin.hi)));
  }

  /** An option's terms over one box on one market: the same for every holder, so computed once per publication. */
  private record OptionBoxKey(OptionContract option, double spot, double vol, double mark, long now, double x,
      double v) {}

  private static final int OPTION_BOXES_KEPT = 4_096;
  private final Map<OptionBoxKey, Optional<OptionBox>> optionBoxes = new HashMap<>();

  /**
   * The premium's, delta's and density's ranges of one contract of {@code option} over the box (prices ±x, its
   * volatility ±v, time over {@link #WINDOW_MILLIS}); null when the array's mark is not Black-76 at its volatility
   * and a zero rate. Memoized: every account valued at a publication reads the same few options over the same boxes.
   */
  private OptionBox optionBox(OptionContract option, RiskArray array, int scenarios, long now, double x, double v) {
    OptionBoxKey key = new OptionBoxKey(option, array.spot(), array.vol(), array.markValue(), now, x, v);
    Optional<OptionBox> box = optionBoxes.get(key);
    if (box == null) {
      if (optionBoxes.size() >= OPTION_BOXES_KEPT) {
        optionBoxes.clear(); // older publications' boxes: not read again
      }
      box = OptionBox.of(option, array, scenarios, now, x, v);
      optionBoxes.put(key, box);
    }
    return box.orElse(null);
  }

  /** See {@link #optionBox}; the scenarios' shocked premiums are filled on a portfolio account's first read. */
  private static final class OptionBox {
    final OptionContract option;
    final double vol;
    final double v;
    final double lo;
    final double hi;
    final double uLo;
    final double uHi;
    final double rootTauLo;
    final double rootTauHi;
    final double premiumLo;
    final double premiumHi;
    final double deltaLo;
    final double deltaHi;
    final double densityLo;
    final double densityHi;
    final double[] shockedLo;
    final double[] shockedHi;
    boolean shocked;

    private OptionBox(OptionContract option, double vol, double v, double rootTauLo, double rootTauHi, double lo,
        double hi, int scenarios) {
      this.option = option;
      this.vol = vol;
      this.v = v;
      this.lo = lo;
      this.hi = hi;
      this.rootTauLo = rootTauLo;
      this.rootTauHi = rootTauHi;
      this.uLo = vol * (1 - v) * rootTauLo;
      this.uHi = vol * (1 + v) * rootTauHi;
      double[] premium = premium(option, lo, hi, uLo, uHi);
      this.premiumLo = premium[0];
      this.premiumHi = premium[1];
      double[] d1 = d1(option.strike(), lo, hi, uLo, uHi);
      this.densityLo = Math.min(NormalDistribution.density(d1[0]), NormalDistribution.density(d1[1]));
      this.densityHi = NormalDistribution.density(Math.max(d1[0], Math.min(0, d1[1])));
      this.deltaLo = option.type() == OptionType.CALL ? NormalDistribution.cdf(d1[0])
          : 1 - NormalDistribution.cdf(d1[1]);
      this.deltaHi = option.type() == OptionType.CALL ? NormalDistribution.cdf(d1[1])
          : 1 - NormalDistribution.cdf(d1[0]);
      this.shockedLo = new double[scenarios];
      this.shockedHi = new double[scenarios];
    }

    /** The box, or empty when the array is not priced as the bounds assume. */
    static Optional<OptionBox> of(OptionContract option, RiskArray array, int scenarios, long now, double x,
        double v) {
      double vol = array.vol();
      double tauHi = option.yearsToExpiry(now);
      double tauLo = option.yearsToExpiry(now + WINDOW_MILLIS);
      double cs = option.contractSize();
      boolean priced = vol > 0 && tauLo > 0 && array.scenarios() == scenarios
          && !(Math.abs(array.markValue() - cs * Black76.DEFAULT.price(option.type(), array.spot(), option.strike(),
              tauHi, vol, 0)) > BandCalculator.ROUNDING * cs * array.spot());
      return priced ? Optional.of(new OptionBox(option, vol, v, Math.sqrt(tauLo), Math.sqrt(tauHi),
          array.spot() * (1 - x), array.spot() * (1 + x), scenarios)) : Optional.empty();
    }

    /** Each scenario's premium range: the box's prices moved by its spot shock, volatilities by its vol shock. */
    void shock(ScenarioGrid grid) {
      if (shocked) {
        return;
      }
      for (int s = 0; s < grid.size(); s++) {
        double k = grid.spotShock(s);
        double shockLo = Math.max(RiskArrayCalculator.MIN_VOL, vol * (1 - v) * (1 + grid.volShock(s)));
        double shockHi = Math.max(RiskArrayCalculator.MIN_VOL, vol * (1 + v) * (1 + grid.volShock(s)));
        double[] range = premium(option, lo * (1 + k), hi * (1 + k), shockLo * rootTauLo, shockHi * rootTauHi);
        shockedLo[s] = range[0];
        shockedHi[s] = range[1];
      }
      shocked = true;
    }
  }

  private static Sum[] sums(int n) {
    Sum[] sums = new Sum[n];
    for (int i = 0; i < n; i++) {
      sums[i] = new Sum();
    }
    return sums;
  }

  /** The liquidity add-on's range for a notional in [nLo, nHi] on the side of {@code sign}, over the depth bucket. */
  private void addOn(Sum margin, double sign, double nLo, double nHi, UnderlyingConditions conditions) {
    double depth = sign >= 0 ? conditions.bidDepth2Pct() : conditions.askDepth2Pct();
    if (!(depth > 0)) {
      return; // unobserved: no add-on
    }
    double[] d = ConditionBuckets.depthRange(depth);
    margin.add(parameters.dynamic().liquidityAddOn(nLo, d[1]), parameters.dynamic().liquidityAddOn(nHi, d[0]));
  }

  /** The absolute range of the volatility multiplier over its bucket. */
  private double[] multipliers(MarketState market, String underlying) {
    return ConditionBuckets.multiplierRange(parameters.dynamic().volMultiplier(
        market.conditions(underlying).realizedVol()));
  }

  /**
   * A premium's range over prices [lo, hi] and total volatilities u = σ√τ in [uLo, uHi]: at a zero rate Black-76
   * depends on σ and τ through u only, and rises with u.
   */
  private static double[] premium(OptionContract option, double lo, double hi, double uLo, double uHi) {
    boolean call = option.type() == OptionType.CALL;
    double low = Black76.DEFAULT.price(option.type(), call ? lo : hi, option.strike(), 1, uLo, 0);
    double high = Black76.DEFAULT.price(option.type(), call ? hi : lo, option.strike(), 1, uHi, 0);
    return new double[] {low, high};
  }

  /**
   * The range of d1 = ln(S/K)/u + u/2 over S in [lo, hi] and u in [uLo, uHi]: increasing in S; in u it falls then
   * rises when S > K, with its minimum at u* = √(2 ln(S/K)).
   */
  private static double[] d1(double strike, double lo, double hi, double uLo, double uHi) {
    double max = Math.max(d1(hi, strike, uLo), d1(hi, strike, uHi));
    double min = Math.min(d1(lo, strike, uLo), d1(lo, strike, uHi));
    double turn = lo > strike ? Math.sqrt(2 * Math.log(lo / strike)) : Double.NaN;
    if (turn > uLo && turn < uHi) {
      min = Math.min(min, d1(lo, strike, turn));
    }
    return new double[] {min, max};
  }

  private static double d1(double spot, double strike, double u) {
    return Math.log(spot / strike) / u + 0.5 * u;
  }
}
