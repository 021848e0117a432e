package dev.solvent.risk.account;

import dev.solvent.risk.instrument.CollateralAsset;
import dev.solvent.risk.instrument.Contract;
import dev.solvent.risk.instrument.Instrument;
import dev.solvent.risk.instrument.InverseContract;
import dev.solvent.risk.instrument.LinearContract;
import dev.solvent.risk.instrument.LoanAsset;
import dev.solvent.risk.instrument.OptionContract;
import dev.solvent.risk.margin.InverseMargin;
import dev.solvent.risk.margin.LinearMargin;
import dev.solvent.risk.portfolio.RiskArray;
import dev.solvent.risk.probability.DefaultProbability;
import dev.solvent.risk.probability.DefaultRisk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Values an account: equity, initial and maintenance margin, margin ratio and status, per-position risk and
 * per-underlying exposure, by margin mode (README "Risk models"):
 *
 * <ul>
 *   <li>equity = wallet + Σ linear qty·(mark value − contract size·entry) + Σ option qty·premium value
 *       + Σ collateral units·spot·(1 − haircut);</li>
 *   <li>CROSS: Σ tiered linear margin + Σ standard margin of short options, each scaled by the dynamic add-ons;</li>
 *   <li>ISOLATED: every position is its own cross account whose wallet is the position's isolated margin; the
 *       account's ratio is the lowest;</li>
 *   <li>PORTFOLIO: per underlying, worst scenario loss plus contingency charges, scaled by the add-ons; for an
 *       underlying held only as long options, at most their value (all they can lose);</li>
 *   <li>LENDING: equity = Σ collateral·spot·LT, maintenance = debt value, ratio = health factor.</li>
 * </ul>
 *
 * <p>Cross-currency (README "Cross-currency"): a USD account in CROSS mode may hold contracts settled in a coin
 * (inverse contracts, coin-settled options) next to its USD ones. Per coin, the coin it holds (collateral units,
 * which its coin-settled fills move, so they may be negative) plus its coin positions' value is one net amount N,
 * counted in USD at the coin's index S as {@code N·S·(1 − haircut)} when positive and {@code N·S} when negative
 * (gains after the coin's collateral haircut, losses in full); those positions' margins and add-ons count at
 * {@code ·S}. The coin must be listed as a collateral asset (its haircut).
 *
 * Stateless: everything comes in as arguments.
 */
public final class MarginCalculator {

  private final RiskParameters parameters;

  public MarginCalculator(RiskParameters parameters) {
    this.parameters = parameters;
  }

  public RiskParameters parameters() {
    return parameters;
  }

  public MarginAssessment assess(Account account, Map<String, Instrument> instruments, MarketState market) {
    requireOneCurrency(account);
    return switch (account.mode()) {
      case CROSS, PORTFOLIO -> assessShared(account, instruments, market);
      case ISOLATED -> assessIsolated(account, instruments, market);
      case LENDING -> assessLending(account, instruments, market);
    };
  }

  private MarginAssessment assessShared(Account account, Map<String, Instrument> instruments, MarketState market) {
    boolean portfolio = account.mode() == MarginMode.PORTFOLIO;
    List<Position> positions = sortedByUnderlying(account.positions(), instruments);
    int n = positions.size();
    double[] quantities = new double[n];
    Instrument[] held = new Instrument[n];
    RiskArray[] arrays = new RiskArray[n];
    double[] values = new double[n];
    double[] rhos = new double[n];
    double[] im = new double[n];
    double[] mm = new double[n];
    // A coin-settled position of a USD account: its amounts are in the coin, converted at fx[i] = the index.
    double[] fx = new double[n];
    Map<String, Double> coinValues = new TreeMap<>();
    double equity = account.walletBalance();
    for (int i = 0; i < n; i++) {
      Position position = positions.get(i);
      Instrument instrument = instrument(instruments, position.instrumentId());
      RiskArray array = market.riskArray(position.instrumentId());
      boolean foreign = requireSettlesIn(account, instrument, instruments);
      fx[i] = foreign ? array.spot() : 1;
      held[i] = instrument;
      quantities[i] = position.quantity();
      arrays[i] = array;
      values[i] = value(position, instrument, array);
      rhos[i] = rho(instrument, values[i], market.nowMillis()) * fx[i];
      if (foreign) {
        coinValues.merge(settlementCurrency(instrument), values[i], Double::sum);
      } else {
        equity += values[i];
      }
      if (!portfolio) {
        double volScale = parameters.dynamic().volMultiplier(market.conditions(instrument.underlying()).realizedVol());
        double[] margins = positionMargins(position, instrument, array);
        im[i] = margins[0] * volScale * fx[i];
        mm[i] = (margins[1] * volScale + liquidityAddOn(position, instrument, array, market)) * fx[i];
      }
    }
    equity += collateralValue(account, instruments, market, false, coinValues);

    double totalIm = 0;
    double totalMm = 0;
    List<UnderlyingExposure> exposures = new ArrayList<>();
    for (int from = 0; from < n; ) {
      String underlying = arrays[from].underlying();
      int to = from;
      while (to < n && arrays[to].underlying().equals(underlying)) {
        to++;
      }
      int worstScenario = UnderlyingExposure.NO_SCENARIO;
      double worstPnl = 0;
      if (portfolio) {
        double volScale = parameters.dynamic().volMultiplier(market.conditions(underlying).realizedVol());
        double groupMm = parameters.portfolio().maintenance(quantities, arrays, from, to) * volScale;
        boolean longOptionsOnly = true;
        double groupValue = 0;
        for (int i = from; i < to; i++) {
          groupMm += liquidityAddOn(positions.get(i), held[i], arrays[i], market);
          longOptionsOnly &= held[i] instanceof OptionContract && quantities[i] > 0;
          groupValue += values[i];
        }
        if (longOptionsOnly && parameters.portfolio().capsLongOptions()) {
          // Long options can lose no more than they are worth: their requirement never exceeds that.
          groupMm = Math.min(groupMm, groupValue);
        }
        totalMm += groupMm;
        totalIm += parameters.portfolio().initial(groupMm);
        worstScenario = parameters.portfolio().worstScenario(quantities, arrays, from, to);
        for (int i = from; i < to; i++) {
          worstPnl += quantities[i] * arrays[i].pnl(worstScenario);
        }
        Arrays.fill(im, from, to, Double.NaN);
        Arrays.fill(mm, from, to, Double.NaN);
      } else {
        for (int i = from; i < to; i++) {
          totalIm += im[i];
          totalMm += mm[i];
        }
      }
      exposures.add(exposure(underlying, quantities, arrays, rhos, fx, values, from, to, worstScenario, worstPnl));
      from = to;
    }
    double ratio = MarginAssessment.ratio(equity, totalMm);
    List<PositionRisk> risks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      risks.add(positionRisk(account, positions.get(i), held[i], arrays[i], values[i], rhos[i], im[i], mm[i], equity,
          totalMm, portfolio, fx[i]));
    }
    return new MarginAssessment(account.accountId(), account.mode(), equity, totalIm, totalMm, ratio,
        MarginAssessment.status(equity, ratio, n > 0, parameters.warningLevel()), risks, exposures,
        defaultRisk(equity - totalMm, equity, exposures, market));
  }

  private MarginAssessment assessIsolated(Account account, Map<String, Instrument> instruments, MarketState market) {
    double equity = account.walletBalance();
    double im = 0;
    double mm = 0;
    double ratio = Double.POSITIVE_INFINITY;
    MarginStatus status = MarginStatus.HEALTHY;
    List<PositionRisk> risks = new ArrayList<>();
    Map<String, List<UnderlyingExposure>> byUnderlying = new TreeMap<>();
    for (Position position : account.positions()) {
      requireSettlesIn(account, instrument(instruments, position.instrumentId()), instruments);
      MarginAssessment unit = assessShared(isolatedUnit(account, position), instruments, market);
      equity += unit.equity();
      im += unit.initialMargin();
      mm += unit.maintenanceMargin();
      ratio = Math.min(ratio, unit.marginRatio());
      status = unit.status().compareTo(status) > 0 ? unit.status() : status;
      risks.addAll(unit.positions());
      unit.exposures().forEach(e -> byUnderlying.computeIfAbsent(e.underlying(), u -> new ArrayList<>()).add(e));
    }
    List<UnderlyingExposure> exposures = byUnderlying.values().stream().map(MarginCalculator::sum).toList();
    return new MarginAssessment(account.accountId(), account.mode(), equity, im, mm, ratio, status, risks, exposures,
        defaultRisk(equity - mm, equity, exposures, market));
  }

  /** The cross account an isolated position amounts to: its own margin, nothing else. */
  public static Account isolatedUnit(Account account, Position position) {
    return new Account(account.accountId() + "/" + position.instrumentId(), MarginMode.CROSS,
        position.isolatedMargin(), List.of(position), Map.of(), Map.of(), account.currency());
  }

  /**
   * Whether a position settles in another currency than the account's (and is converted at the index): only a USD
   * account in CROSS mode holds such, and only with its coin listed as a collateral asset.
   */
  private static boolean requireSettlesIn(Account account, Instrument instrument, Map<String, Instrument> instruments) {
    String settles = settlementCurrency(instrument);
    if (settles.equals(account.currency())) {
      return false;
    }
    if (holdsAcrossCurrencies(account.currency(), account.mode(), instruments.get(settles))) {
      return true;
    }
    if (account.coinMargined() || account.mode() != MarginMode.CROSS) {
      throw new IllegalArgumentException("account " + account.accountId() + " is margined in " + account.currency()
          + " (" + account.mode() + ") and cannot hold " + instrument.id() + ", which settles in " + settles
          + ": only a USD account in CROSS mode holds contracts settled in a coin");
    }
    throw new IllegalArgumentException("account " + account.accountId() + " holds " + instrument.id()
        + ", settled in " + settles + ", but " + settles + " is not a listed collateral asset (its haircut)");
  }

  /**
   * Whether an account margined in {@code currency} and {@code mode} may hold a contract settled in another currency
   * whose coin is listed as {@code coin} (README "Cross-currency"): a USD account in CROSS mode, with the coin a
   * collateral asset (its haircut values the coin).
   */
  public static boolean holdsAcrossCurrencies(String currency, MarginMode mode, Instrument coin) {
    return Account.QUOTE.equals(currency) && mode == MarginMode.CROSS && coin instanceof CollateralAsset;
  }

  /** The currency a position in this instrument settles in: its coin for an inverse contract, else the quote. */
  public static String settlementCurrency(Instrument instrument) {
    if (instrument instanceof InverseContract inverse) {
      return inverse.settlementCurrency();
    }
    return instrument instanceof OptionContract option && option.coinSettled() ? option.underlying() : Account.QUOTE;
  }

  /**
   * Every amount of a valuation is in the account's currency: a coin-margined account holds only contracts settled
   * in its coin (inverse contracts, coin-settled options), whose risk arrays are in the coin, so portfolio margin
   * on them is in the coin too (README "Inverse contracts": converting between currencies is not modelled yet).
   */
  private static void requireOneCurrency(Account account) {
    if (account.coinMargined() && (account.mode() == MarginMode.LENDING || !account.collateral().isEmpty()
        || !account.debt().isEmpty())) {
      throw new IllegalArgumentException("account " + account.accountId() + " is margined in " + account.currency()
          + ": a coin-margined account is CROSS, ISOLATED or PORTFOLIO and holds no collateral assets or loans");
    }
  }

  private MarginAssessment assessLending(Account account, Map<String, Instrument> instruments, MarketState market) {
    double weightedCollateral = collateralValue(account, instruments, market, true);
    double debtValue = 0;
    for (var debt : account.debt().entrySet()) {
      if (!(instrument(instruments, debt.getKey()) instanceof LoanAsset)) {
        throw new IllegalArgumentException(debt.getKey() + " is not a loan asset");
      }
      debtValue += debt.getValue() * market.riskArray(debt.getKey()).markValue();
    }
    double healthFactor = debtValue > 0 ? weightedCollateral / debtValue : Double.POSITIVE_INFINITY;
    MarginStatus status = MarginAssessment.status(weightedCollateral, healthFactor, debtValue > 0,
        parameters.warningLevel());
    List<UnderlyingExposure> exposures = new ArrayList<>();
    for (var collateral : account.collateral().entrySet()) {
      RiskArray array = market.riskArray(collateral.getKey());
      double units = collateral.getValue();
      exposures.add(new UnderlyingExposure(array.underlying(), array.spot(), units, units * array.spot(), 0, 0, 0, 0,
          UnderlyingExposure.NO_SCENARIO, 0));
    }
    for (var debt : account.debt().entrySet()) {
      RiskArray array = market.riskArray(debt.getKey());
      double units = -debt.getValue();
      exposures.add(new UnderlyingExposure(array.underlying(), array.spot(), units, units * array.spot(), 0, 0, 0, 0,
          UnderlyingExposure.NO_SCENARIO, 0));
    }
    double collateral = collateralValue(account, instruments, market, false);
    return new MarginAssessment(account.accountId(), MarginMode.LENDING, weightedCollateral, debtValue, debtValue,
        healthFactor, status, List.of(), exposures,
        defaultRisk(weightedCollateral - debtValue, collateral - debtValue, exposures, market));
  }

  /** Contribution of a position to equity: unrealized P&L for linear contracts, premium value for options. */
  static double value(Position position, Instrument instrument, RiskArray array) {
    if (instrument instanceof LinearContract linear) {
      return position.quantity() * (array.markValue() - linear.contractSize() * position.entryPrice());
    }
    if (instrument instanceof OptionContract) {
      return position.quantity() * array.markValue();
    }
    if (instrument instanceof InverseContract inverse) {
      return inverse.pnl(position.quantity(), position.entryPrice(), array.spot());
    }
    throw new IllegalArgumentException(instrument.id() + " cannot be held as a position");
  }

  /** {initial, maintenance} of one position before add-ons. */
  private double[] positionMargins(Position position, Instrument instrument, RiskArray array) {
    if (instrument instanceof LinearContract linear) {
      double notional = linear.marginNotional(position.quantity(), position.entryPrice(), array.markValue());
      return new double[] {linear.schedule().initialMargin(notional), linear.schedule().maintenanceMargin(notional)};
    }
    if (instrument instanceof InverseContract inverse) {
      double notional = inverse.marginNotional(position.quantity(), position.entryPrice(), array.spot());
      return new double[] {inverse.schedule().initialMargin(notional), inverse.schedule().maintenanceMargin(notional)};
    }
    if (!(instrument instanceof OptionContract option)) {
      throw new IllegalArgumentException(instrument.id() + " cannot be held as a position");
    }
    if (position.quantity() >= 0) {
      return new double[] {0, 0};
    }
    double units = -position.quantity() * option.contractSize();
    double premium = array.markValue() / option.contractSize();
    if (option.coinSettled()) {
      return new double[] {
          units * parameters.optionMargin().initialPerUnitCoin(option.type(), array.spot(), option.strike(), premium),
          units * parameters.optionMargin().maintenancePerUnitCoin(option.type(), premium)};
    }
    return new double[] {
        units * parameters.optionMargin().initialPerUnit(option.type(), array.spot(), option.strike(), premium),
        units * parameters.optionMargin().maintenancePerUnit(option.type(), array.spot(), option.strike(), premium)};
  }

  private double liquidityAddOn(Position position, Instrument instrument, RiskArray array, MarketState market) {
    UnderlyingConditions conditions = market.conditions(array.underlying());
    double deltaValue = position.quantity() * array.delta() * array.spot();
    double depth = deltaValue >= 0 ? conditions.bidDepth2Pct() : conditions.askDepth2Pct();
    if (!Account.QUOTE.equals(settlementCurrency(instrument))) {
      // Book depth is quote notional: size the coin delta in the quote, and bring its add-on back to the coin.
      return parameters.dynamic().liquidityAddOn(deltaValue * array.spot(), depth) / array.spot();
    }
    return parameters.dynamic().liquidityAddOn(deltaValue, depth);
  }

  private static double collateralValue(Account account, Map<String, Instrument> instruments, MarketState market,
      boolean weightedByThreshold) {
    return collateralValue(account, instruments, market, weightedByThreshold, Map.of());
  }

  /**
   * Collateral at spot, weighted by (1 − haircut) or by the liquidation threshold; with the value of coin-settled
   * positions per coin netted into that coin's units first, a negative net counting in full.
   */
  private static double collateralValue(Account account, Map<String, Instrument> instruments, MarketState market,
      boolean weightedByThreshold, Map<String, Double> coinValues) {
    Map<String, Double> units = new TreeMap<>(account.collateral());
    coinValues.forEach((coin, value) -> units.merge(coin, value, Double::sum));
    double value = 0;
    for (var entry : units.entrySet()) {
      if (!(instrument(instruments, entry.getKey()) instanceof CollateralAsset asset)) {
        throw new IllegalArgumentException(entry.getKey() + " is not a collateral asset");
      }
      double weight = weightedByThreshold ? asset.liquidationThreshold() : 1 - asset.haircut();
      double net = entry.getValue();
      value += net * market.riskArray(entry.getKey()).markValue() * (net < 0 ? 1 : weight);
    }
    return value;
  }

  /**
   * @param fx the index a coin-settled position of a USD account converts at (1 otherwise): its value and Greeks are
   *     reported in USD, delta as d(S·V)/dS; its liquidation price is not computed and its bankruptcy price takes
   *     the account's equity in the coin at the index (first order: the haircut is left out)
   */
  private PositionRisk positionRisk(Account account, Position position, Instrument instrument, RiskArray array,
      double value, double rho, double im, double mm, double equity, double totalMm, boolean portfolio, double fx) {
    Contract contract = Contract.of(instrument);
    double markPrice = markPrice(contract, array);
    double q = position.quantity();
    if (fx != 1) {
      return new PositionRisk(position.instrumentId(), q, markPrice, value * fx, Math.abs(q) * array.markValue() * fx,
          q * array.delta() * fx + value, q * array.gamma() * fx, q * array.vega() * fx, q * array.theta() * fx, rho,
          im, mm, Double.NaN, bankruptcyPrice(contract, q, markPrice, equity / fx));
    }
    double otherMm = totalMm - mm;
    double otherPnl = equity - account.walletBalance() - value;
    double liquidationPrice = Double.NaN;
    if (instrument instanceof LinearContract linear && !portfolio) {
      liquidationPrice = LinearMargin.DEFAULT.liquidationPrice(position.side(), Math.abs(q) * linear.contractSize(),
          position.entryPrice(), account.walletBalance(), otherMm, otherPnl, linear.schedule(),
          linear.maintenanceBasis()).orElse(Double.NaN);
    } else if (instrument instanceof InverseContract inverse) {
      liquidationPrice = InverseMargin.DEFAULT.liquidationPrice(position.side(), Math.abs(q), inverse.contractSize(),
          position.entryPrice(), account.walletBalance(), otherMm, otherPnl, inverse.schedule(),
          inverse.maintenanceBasis()).orElse(Double.NaN);
    }
    return new PositionRisk(position.instrumentId(), q, markPrice, value, Math.abs(q) * array.markValue(),
        q * array.delta(), q * array.gamma(), q * array.vega(), q * array.theta(), rho, im, mm, liquidationPrice,
        bankruptcyPrice(contract, q, markPrice, equity));
  }

  /** The price per unit of underlying a position is marked at: the index for an inverse contract. */
  public static double markPrice(Contract contract, RiskArray array) {
    return contract instanceof InverseContract ? array.spot() : array.markValue() / contract.contractSize();
  }

  /**
   * The mark at which the account's equity would be zero if only this position's price moved, or NaN where none is
   * positive: linear in the price for quote-settled contracts (mark − equity / (qty × size)), in 1/price for inverse
   * ones (1/BP = 1/mark + equity / (qty × size); an inverse short whose loss, bounded by its entry notional, cannot
   * exhaust the equity has none).
   */
  public static double bankruptcyPrice(Contract contract, double quantity, double markPrice, double equity) {
    double price = contract instanceof InverseContract
        ? 1 / (1 / markPrice + equity / (quantity * contract.contractSize()))
        : markPrice - equity / (quantity * contract.contractSize());
    return price > 0 && Double.isFinite(price) ? price : Double.NaN;
  }

  /** Black-76 rho with the forward fixed: an option's value only discounts, ∂V/∂r = −T·V; the index has none. */
  private static double rho(Instrument instrument, double value, long nowMillis) {
    return instrument instanceof OptionContract option ? -option.yearsToExpiry(nowMillis) * value : 0;
  }

  /** Greeks of coin-settled positions of a USD account in USD: × the index, delta as d(S·V)/dS = S·Δ + V. */
  private static UnderlyingExposure exposure(String underlying, double[] q, RiskArray[] arrays, double[] rhos,
      double[] fx, double[] values, int from, int to, int worstScenario, double worstPnl) {
    double delta = 0;
    double gamma = 0;
    double vega = 0;
    double theta = 0;
    double rho = 0;
    for (int i = from; i < to; i++) {
      delta += q[i] * arrays[i].delta() * fx[i] + (fx[i] != 1 ? values[i] : 0);
      gamma += q[i] * arrays[i].gamma() * fx[i];
      vega += q[i] * arrays[i].vega() * fx[i];
      theta += q[i] * arrays[i].theta() * fx[i];
      rho += rhos[i];
    }
    double spot = arrays[from].spot();
    return new UnderlyingExposure(underlying, spot, delta, delta * spot, gamma, vega, theta, rho, worstScenario,
        worstPnl);
  }

  private static UnderlyingExposure sum(List<UnderlyingExposure> parts) {
    UnderlyingExposure first = parts.get(0);
    double delta = 0;
    double gamma = 0;
    double vega = 0;
    double theta = 0;
    double rho = 0;
    for (UnderlyingExposure e : parts) {
      delta += e.delta();
      gamma += e.gamma();
      vega += e.vega();
      theta += e.theta();
      rho += e.rho();
    }
    return new UnderlyingExposure(first.underlying(), first.spot(), delta, delta * first.spot(), gamma, vega, theta,
        rho, UnderlyingExposure.NO_SCENARIO, 0);
  }

  private DefaultRisk defaultRisk(double cushionToLiquidation, double cushionToBankruptcy,
      List<UnderlyingExposure> exposures, MarketState market) {
    double[] deltaValues = new double[exposures.size()];
    double[] vols = new double[exposures.size()];
    for (int i = 0; i < deltaValues.length; i++) {
      deltaValues[i] = exposures.get(i).deltaValue();
      double realized = market.conditions(exposures.get(i).underlying()).realizedVol();
      vols[i] = realized >= 0 ? realized : parameters.dynamic().referenceVol();
    }
    return DefaultProbability.assess(cushionToLiquidation, cushionToBankruptcy, deltaValues, vols,
        parameters.correlation(), parameters.liquidationHorizonYears());
  }

  /** Open positions ordered by (underlying, instrument id): an insertion sort, as accounts hold a handful. */
  private static List<Position> sortedByUnderlying(List<Position> held, Map<String, Instrument> instruments) {
    int n = 0;
    Position[] positions = new Position[held.size()];
    String[] underlyings = new String[held.size()];
    for (Position position : held) {
      if (position.quantity() == 0) {
        continue;
      }
      String underlying = instrument(instruments, position.instrumentId()).underlying();
      int at = n++;
      while (at > 0 && (underlyings[at - 1].compareTo(underlying) > 0 || (underlyings[at - 1].equals(underlying)
          && positions[at - 1].instrumentId().compareTo(position.instrumentId()) > 0))) {
        positions[at] = positions[at - 1];
        underlyings[at] = underlyings[at - 1];
        at--;
      }
      positions[at] = position;
      underlyings[at] = underlying;
    }
    return Arrays.asList(positions).subList(0, n);
  }

  static Instrument instrument(Map<String, Instrument> instruments, String id) {
    Instrument instrument = instruments.get(id);
    if (instrument == null) {
      throw new IllegalArgumentException("unknown instrument " + id);
    }
    return instrument;
  }
}
