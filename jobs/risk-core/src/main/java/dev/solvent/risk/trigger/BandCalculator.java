package dev.solvent.risk.trigger;

import dev.solvent.risk.account.Account;
import dev.solvent.risk.account.MarginAssessment;
import dev.solvent.risk.account.MarginCalculator;
import dev.solvent.risk.account.MarginMode;
import dev.solvent.risk.account.MarginStatus;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Safe price bands of a valued account (README "Trigger index"). The outputs of a valuation change only when the
 * status changes or the margin ratio leaves the update step ({@link RatioRange}); both are the two inequalities
 * {@code E − low·MM ≥ 0} and {@code high·MM − E ≥ 0} on equity E and maintenance margin MM. Per underlying, for a
 * relative price move x, E and MM are bounded by
 *
 * <pre>
 *   E(x)  = E₀ + e·x                                   exact: linear positions and collateral move with the price
 *   MM(x) ∈ [m⁻·(B₀ + s·x) + A⁻(x),  m⁺·(B₀ + s·x) + A⁺(x)]
 * </pre>
 *
 * where B₀ is the schedule (or portfolio-scenario, or debt) margin and s its slope, exact while every position stays
 * in its notional bracket (the band stops at the bracket edge); m⁻, m⁺ the volatility multiplier's range relative
 * to the current one; A the liquidity add-on, {@code A₀·(1+x)²} at most and {@code A₀·(1−2|x|)} at least for
 * downward moves, scaled by the depth bucket ({@link ConditionBuckets}). Each inequality is then a concave quadratic
 * in x on each side of 0, solved in closed form: for one linear position in a flat bracket the band's edge is exactly
 * the price at which the ratio reaches the range's edge (at ratio 1, the liquidation price). An account on several
 * underlyings splits the slack of each inequality: each underlying gets its share of the uncertainty at x = 0 plus an
 * equal part of the rest, so moves of all underlyings, each inside its band, sum to less than the slack.
 *
 * <p>An account holding an option gets its bands from {@link IntervalBands} instead: one relative width for every
 * underlying, proven by interval bounds over the box of prices and a window of time decay. Before any band is
 * trusted the reconstruction of E and MM from these terms is checked against the model's own valuation; a mismatch
 * gives no band at all.
 */
public final class BandCalculator {

  /** Bands never reach beyond these relative moves (nor beyond a margin bracket). */
  static final double MAX_UP = 1.0;
  static final double MAX_DOWN = 0.5;
  /** Relative rounding allowance on the slack and on the reconstruction check. */
  static final double ROUNDING = 1e-9;

  private final RiskParameters parameters;
  private final MarginCalculator calculator;
  private final IntervalBands intervals;
  private final double updateStep;

  public BandCalculator(RiskParameters parameters, double updateStep) {
    this.parameters = parameters;
    this.calculator = new MarginCalculator(parameters);
    this.intervals = new IntervalBands(parameters);
    this.updateStep = updateStep;
  }

  /**
   * An account's bands and until when they hold: a band of an account with options also assumes a bounded time
   * decay, for {@link IntervalBands#WINDOW_MILLIS} after the valuation, and each option's volatility in its band.
   */
  public record Bands(List<PriceBand> bands, long validUntil, List<VolBand> vols) {}

  /**
   * One band per underlying the account holds, for the account as valued in {@code assessment} and the ratio of
   * its last margin update.
   */
  public Bands bands(Account account, Map<String, Instrument> instruments, MarketState market,
      MarginAssessment assessment, double lastRatio) {
    Map<String, PriceBand> bands = new TreeMap<>();
    long validUntil = Long.MAX_VALUE;
    List<VolBand> vols = List.of();
    if (account.coinMargined() || account.positions().stream().anyMatch(p -> !MarginCalculator.settlementCurrency(
        instruments.get(p.instrumentId())).equals(account.currency()))) {
      // Coin equity and margin are linear in 1/price, not in the price (and a USD account's coin converts at a
      // moving index, haircut on one side): no band yet, so valued at every price.
      account.positions().forEach(p -> bands.put(instruments.get(p.instrumentId()).underlying(),
          PriceBand.none(instruments.get(p.instrumentId()).underlying())));
      account.collateral().keySet().forEach(c -> bands.put(instruments.get(c).underlying(),
          PriceBand.none(instruments.get(c).underlying())));
      return new Bands(new ArrayList<>(bands.values()), validUntil, vols);
    }
    if (account.mode() == MarginMode.ISOLATED) {
      Position lowest = null;
      for (Position p : account.positions()) {
        if (p.quantity() == 0) {
          continue;
        }
        Account unit = MarginCalculator.isolatedUnit(account, p);
        MarginAssessment valued = calculator.assess(unit, instruments, market);
        boolean isLowest = lowest == null && valued.marginRatio() == assessment.marginRatio();
        if (isLowest) {
          lowest = p;
        }
        Map<String, PriceBand> unitBands = bandsOf(unit, instruments, market, valued.equity(),
            valued.maintenanceMargin(), range(valued.status(), lastRatio, isLowest));
        unitBands.forEach((u, band) -> bands.merge(u, band, PriceBand::intersect));
      }
      if (lowest == null && !bands.isEmpty()) {
        bands.replaceAll((u, band) -> PriceBand.none(u)); // no unit carries the account's ratio: nothing is safe
      }
    } else {
      bands.putAll(bandsOf(account, instruments, market, assessment.equity(), assessment.maintenanceMargin(),
          range(assessment.status(), lastRatio, true)));
      List<Position> options = account.positions().stream().filter(p -> p.quantity() != 0
          && instruments.get(p.instrumentId()) instanceof OptionContract).toList();
      if (!options.isEmpty()) {
        RatioRange range = range(assessment.status(), lastRatio, true);
        IntervalBands.Box box = range == null || !(range.low() <= range.high()) ? null
            : intervals.box(account, instruments, market, range, assessment.equity(),
                assessment.maintenanceMargin());
        bands.replaceAll((u, band) -> {
          if (box == null) {
            return PriceBand.none(u);
          }
          double spot = spot(account, market, u);
          double[] multipliers = ConditionBuckets.multiplierRange(multiplier(market, u));
          return new PriceBand(u, spot * (1 - box.price()), spot * (1 + box.price()), multipliers[0], multipliers[1]);
        });
        if (box != null) {
          vols = options.stream().map(p -> {
            double vol = market.riskArray(p.instrumentId()).vol();
            return new VolBand(p.instrumentId(), vol * (1 - box.vol()), vol * (1 + box.vol()));
          }).toList();
        }
        validUntil = market.nowMillis() + IntervalBands.WINDOW_MILLIS;
      }
    }
    return new Bands(new ArrayList<>(bands.values()), validUntil, vols);
  }

  private static double spot(Account account, MarketState market, String underlying) {
    for (Position p : account.positions()) {
      RiskArray array = market.riskArray(p.instrumentId());
      if (array.underlying().equals(underlying)) {
        return array.spot();
      }
    }
    for (String id : account.collateral().keySet()) {
      if (market.riskArray(id).underlying().equals(underlying)) {
        return market.riskArray(id).spot();
      }
    }
    for (String id : account.debt().keySet()) {
      if (market.riskArray(id).underlying().equals(underlying)) {
        return market.riskArray(id).spot();
      }
    }
    throw new IllegalStateException("nothing held on " + underlying);
  }

  private RatioRange range(MarginStatus status, double lastRatio, boolean stepBoundsHigh) {
    double warning = parameters.warningLevel();
    return switch (status) {
      case HEALTHY -> RatioRange.of(warning, Double.POSITIVE_INFINITY, lastRatio, updateStep, stepBoundsHigh);
      case MARGIN_CALL -> RatioRange.of(1, warning, lastRatio, updateStep, stepBoundsHigh);
      // Equity stays positive: the slack's rounding allowance keeps E above zero, so never bankrupt.
      case LIQUIDATABLE -> RatioRange.of(0, 1, lastRatio, updateStep, stepBoundsHigh);
      default -> null;
    };
  }

  private Map<String, PriceBand> bandsOf(Account account, Map<String, Instrument> instruments, MarketState market,
      double equity, double maintenance, RatioRange range) {
    Map<String, Exposure> exposures = exposures(account, instruments, market);
    Map<String, PriceBand> bands = new TreeMap<>();
    if (!(maintenance > 0) && range != null && account.mode() == MarginMode.LENDING && account.debt().isEmpty()) {
      exposures.keySet().forEach(u -> bands.put(u, PriceBand.all(u))); // no debt: healthy at any price
      return bands;
    }
    if (range == null || !(range.low() <= range.high()) || !(maintenance > 0) || !Double.isFinite(equity)
        || !consistent(exposures, account, equity, maintenance)) {
      exposures.keySet().forEach(u -> bands.put(u, PriceBand.none(u)));
      return bands;
    }
    List<Exposure> bounded = new ArrayList<>();
    for (Exposure e : exposures.values()) {
      if (e.withOption || !e.hasRisk()) {
        bands.put(e.underlying, e.withOption ? PriceBand.none(e.underlying) : PriceBand.all(e.underlying));
      } else {
        bounded.add(e);
      }
    }
    if (bounded.isEmpty()) {
      return bands;
    }
    double scale = Math.abs(equity) + Math.abs(account.walletBalance());
    for (Exposure e : bounded) {
      scale += Math.abs(e.equitySlope) + e.base + e.addOn;
    }
    Reach low = reach(bounded, equity - range.low() * maintenance - ROUNDING * scale * (1 + range.low()),
        range.low(), true);
    Reach high = Double.isFinite(range.high())
        ? reach(bounded, range.high() * maintenance - equity - ROUNDING * scale * (1 + range.high()), range.high(),
            false)
        : null;
    for (int i = 0; i < bounded.size(); i++) {
      Exposure e = bounded.get(i);
      double up = Math.min(Math.min(MAX_UP, e.maxMove), low == null ? -1 : low.up[i]);
      double down = Math.min(Math.min(MAX_DOWN, -e.minMove), low == null ? -1 : low.down[i]);
      if (high != null) {
        up = Math.min(up, high.up[i]);
        down = Math.min(down, high.down[i]);
      }
      bands.put(e.underlying, up < 0 || down < 0 || (high == null && Double.isFinite(range.high()))
          ? PriceBand.none(e.underlying) : new PriceBand(e.underlying, e.spot * (1 - down), e.spot * (1 + up),
              e.multipliers[0], e.multipliers[1]));
    }
    return bands;
  }

  /** How far each underlying may move up and down, relative, within its share of one inequality's slack. */
  private record Reach(double[] up, double[] down) {}

  /**
   * @param slack the inequality's value now, less the rounding allowance
   * @param lower true for {@code E − r·MM ≥ 0}, false for {@code r·MM − E ≥ 0}
   * @return null when even unmoved prices may break the inequality within the condition buckets
   */
  private static Reach reach(List<Exposure> bounded, double slack, double r, boolean lower) {
    double[] uncertainty = new double[bounded.size()];
    double total = 0;
    for (int i = 0; i < bounded.size(); i++) {
      Exposure e = bounded.get(i);
      uncertainty[i] = lower ? r * ((e.multiplierHigh - 1) * e.base + (e.depthHigh - 1) * e.addOn)
          : r * ((1 - e.multiplierLow) * e.base + (1 - e.depthLow) * e.addOn);
      total += uncertainty[i];
    }
    if (!(slack - total >= 0)) {
      return null;
    }
    double share = (slack - total) / bounded.size();
    double[] up = new double[bounded.size()];
    double[] down = new double[bounded.size()];
    for (int i = 0; i < bounded.size(); i++) {
      Exposure e = bounded.get(i);
      if (lower) {
        double addOnUp = e.depthHigh * e.addOn;
        up[i] = solve(e.equitySlope - r * e.multiplierHigh * e.slope - 2 * r * addOnUp, r * addOnUp, share);
        down[i] = solve(-e.equitySlope + r * e.multiplierHigh * e.slope, 0, share);
      } else {
        up[i] = solve(r * e.multiplierLow * e.slope - e.equitySlope, 0, share);
        down[i] = solve(e.equitySlope - r * e.multiplierLow * e.slope - 2 * r * e.depthLow * e.addOn, 0, share);
      }
    }
    return new Reach(up, down);
  }

  /** The largest y ≥ 0 with {@code a1·y − a2·y² ≥ −room} on all of [0, y] (a2 ≥ 0, room ≥ 0); ∞ when unbounded. */
  static double solve(double a1, double a2, double room) {
    if (a2 <= 0) {
      return a1 >= 0 ? Double.POSITIVE_INFINITY : room / -a1;
    }
    return (a1 + Math.sqrt(a1 * a1 + 4 * a2 * room)) / (2 * a2);
  }

  /** The terms of E and MM that move with each underlying's price (see the class comment). */
  private static final class Exposure {
    final String underlying;
    final double spot;
    /** Relative to the current multiplier, the lowest and highest the band allows. */
    final double multiplierLow;
    final double multiplierHigh;
    /** The same, absolute: what the band names. */
    final double[] multipliers;
    double depthLow = 1;
    double depthHigh = 1;
    double equitySlope;
    double base;
    double slope;
    double addOn;
    double minMove = Double.NEGATIVE_INFINITY;
    double maxMove = Double.POSITIVE_INFINITY;
    boolean withOption;
    /** E and MM as this exposure's terms add up, to check against the model. */
    double equity;
    double maintenance;

    Exposure(String underlying, double spot, double multiplierLow, double multiplierHigh, double[] multipliers) {
      this.underlying = underlying;
      this.spot = spot;
      this.multiplierLow = multiplierLow;
      this.multiplierHigh = multiplierHigh;
      this.multipliers = multipliers;
    }

    boolean hasRisk() {
      return equitySlope != 0 || base != 0 || addOn != 0;
    }

    void depth(double depth) {
      if (depth > 0) {
        double[] range = ConditionBuckets.depthRange(depth);
        depthHigh = Math.max(depthHigh, depth / range[0]);
        depthLow = Math.min(depthLow, depth / range[1]);
      }
    }

    void bracket(MarginTier tier, double notional) {
      if (notional > 0) {
        minMove = Math.max(minMove, tier.notionalFloor() / notional - 1);
        maxMove = Math.min(maxMove, tier.notionalCap() / notional - 1);
      }
    }
  }

  private Map<String, Exposure> exposures(Account account, Map<String, Instrument> instruments, MarketState market) {
    Map<String, Exposure> exposures = new TreeMap<>();
    boolean lending = account.mode() == MarginMode.LENDING;
    boolean portfolio = account.mode() == MarginMode.PORTFOLIO;
    Map<String, List<Position>> portfolioGroups = new TreeMap<>();
    for (Position p : account.positions()) {
      if (p.quantity() == 0) {
        continue;
      }
      Instrument instrument = instruments.get(p.instrumentId());
      RiskArray array = market.riskArray(p.instrumentId());
      Exposure e = exposure(exposures, array, market, lending);
      double multiplier = multiplier(market, array.underlying());
      double deltaValue = p.quantity() * array.delta() * array.spot();
      UnderlyingConditions conditions = market.conditions(array.underlying());
      double depth = deltaValue >= 0 ? conditions.bidDepth2Pct() : conditions.askDepth2Pct();
      double addOn = parameters.dynamic().liquidityAddOn(deltaValue, depth);
      e.addOn += addOn;
      e.maintenance += addOn;
      e.depth(depth);
      if (instrument instanceof LinearContract linear) {
        e.equity += p.quantity() * (array.markValue() - linear.contractSize() * p.entryPrice());
        e.equitySlope += p.quantity() * array.markValue();
        if (!portfolio) {
          double notional = linear.marginNotional(p.quantity(), p.entryPrice(), array.markValue());
          MarginTier tier = linear.schedule().tierFor(notional);
          double margin = multiplier * tier.maintenanceMargin(notional);
          e.base += margin;
          e.maintenance += margin;
          if (linear.maintenanceBasis() == MaintenanceBasis.MARK) {
            e.slope += multiplier * tier.maintenanceRate() * notional;
            e.bracket(tier, notional);
          } // at entry the margin does not move with the price, nor can it cross a bracket
        }
      } else if (instrument instanceof OptionContract option) {
        e.withOption = true;
        e.equity += p.quantity() * array.markValue();
        if (!portfolio && p.quantity() < 0) {
          double units = -p.quantity() * option.contractSize();
          e.maintenance += multiplier * units * parameters.optionMargin().maintenancePerUnit(option.type(),
              array.spot(), option.strike(), array.markValue() / option.contractSize());
        }
      } else {
        throw new IllegalArgumentException(p.instrumentId() + " cannot be held as a position");
      }
      if (portfolio) {
        portfolioGroups.computeIfAbsent(array.underlying(), u -> new ArrayList<>()).add(p);
      }
    }
    portfolioGroups.forEach((underlying, group) -> {
      double[] quantities = new double[group.size()];
      RiskArray[] arrays = new RiskArray[group.size()];
      for (int i = 0; i < quantities.length; i++) {
        quantities[i] = group.get(i).quantity();
        arrays[i] = market.riskArray(group.get(i).instrumentId());
      }
      Exposure e = exposures.get(underlying);
      // Linear positions only: every scenario's P&L is proportional to the price, and so is the worst loss.
      double margin = parameters.portfolio().maintenance(quantities, arrays, 0, quantities.length)
          * multiplier(market, underlying);
      e.maintenance += margin;
      e.base += margin;
      e.slope += margin;
    });
    for (var c : account.collateral().entrySet()) {
      CollateralAsset asset = (CollateralAsset) instruments.get(c.getKey());
      RiskArray array = market.riskArray(c.getKey());
      double value = c.getValue() * array.markValue() * (lending ? asset.liquidationThreshold() : 1 - asset.haircut());
      Exposure e = exposure(exposures, array, market, lending);
      e.equity += value;
      e.equitySlope += value;
    }
    for (var d : account.debt().entrySet()) {
      RiskArray array = market.riskArray(d.getKey());
      double value = d.getValue() * array.markValue();
      Exposure e = exposure(exposures, array, market, lending);
      e.maintenance += value;
      e.base += value;
      e.slope += value;
    }
    return exposures;
  }

  private Exposure exposure(Map<String, Exposure> exposures, RiskArray array, MarketState market, boolean lending) {
    return exposures.computeIfAbsent(array.underlying(), u -> {
      if (lending) { // health factors know no dynamic margin: their bands hold at any multiplier
        return new Exposure(u, array.spot(), 1, 1, new double[] {0, Double.POSITIVE_INFINITY});
      }
      double multiplier = multiplier(market, u);
      double[] range = ConditionBuckets.multiplierRange(multiplier);
      return new Exposure(u, array.spot(), range[0] / multiplier, range[1] / multiplier, range);
    });
  }

  private double multiplier(MarketState market, String underlying) {
    return parameters.dynamic().volMultiplier(market.conditions(underlying).realizedVol());
  }

  /** Whether E and MM as the exposures add them up are the model's (to rounding). */
  private static boolean consistent(Map<String, Exposure> exposures, Account account, double equity,
      double maintenance) {
    double e = account.mode() == MarginMode.LENDING ? 0 : account.walletBalance();
    double mm = 0;
    double scale = Math.abs(e) + Math.abs(equity) + Math.abs(maintenance);
    for (Exposure x : exposures.values()) {
      e += x.equity;
      mm += x.maintenance;
      scale += Math.abs(x.equity) + Math.abs(x.maintenance);
    }
    return Math.abs(e - equity) <= ROUNDING * scale && Math.abs(mm - maintenance) <= ROUNDING * scale;
  }
}
