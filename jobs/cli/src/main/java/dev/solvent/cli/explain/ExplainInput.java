package dev.solvent.cli.explain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.solvent.risk.account.Account;
import dev.solvent.risk.account.MarginCalculator;
import dev.solvent.risk.account.MarginMode;
import dev.solvent.risk.account.MarketState;
import dev.solvent.risk.account.Position;
import dev.solvent.risk.account.RiskParameters;
import dev.solvent.risk.account.UnderlyingConditions;
import dev.solvent.risk.instrument.CollateralAsset;
import dev.solvent.risk.instrument.Contract;
import dev.solvent.risk.instrument.Instrument;
import dev.solvent.risk.instrument.InverseContract;
import dev.solvent.risk.instrument.LinearContract;
import dev.solvent.risk.instrument.LoanAsset;
import dev.solvent.risk.instrument.OptionContract;
import dev.solvent.risk.lending.LendingRules;
import dev.solvent.risk.margin.DynamicMargin;
import dev.solvent.risk.margin.MaintenanceBasis;
import dev.solvent.risk.margin.MarginSchedule;
import dev.solvent.risk.margin.StandardOptionMargin;
import dev.solvent.risk.portfolio.PortfolioMargin;
import dev.solvent.risk.portfolio.RiskArray;
import dev.solvent.risk.portfolio.RiskArrayCalculator;
import dev.solvent.risk.pricing.OptionType;
import java.util.LinkedHashMap;
import java.util.Map;

/** One account snapshot to explain, read from the JSON format documented in the README ("solvent explain"). */
record ExplainInput(Account account, Map<String, Instrument> instruments, MarketState market,
    RiskParameters parameters) {

  enum Kind { PERPETUAL, FUTURE, INVERSE_PERPETUAL, INVERSE_FUTURE, OPTION, COLLATERAL, LOAN }

  /** What an option's premium and payoff are paid in. */
  enum Settlement { QUOTE, COIN }

  static ExplainInput parse(JsonNode json) {
    Fields root = new Fields(json, "");
    Map<String, Instrument> instruments = new LinkedHashMap<>();
    for (Fields spec : root.objects("instruments")) {
      Instrument instrument = instrument(spec);
      if (instruments.put(instrument.id(), instrument) != null) {
        throw new InputError(spec.path("id"), "instrument '" + instrument.id() + "' is defined twice");
      }
    }
    RiskParameters parameters = parameters(root.objectOrEmpty("parameters"));
    Account account = account(root.object("account"), instruments);
    MarketState market = market(root.object("market"), instruments, account, parameters);
    return new ExplainInput(account, instruments, market, parameters);
  }

  private static Instrument instrument(Fields spec) {
    String id = spec.text("id");
    Kind kind = spec.enumValue("kind", Kind.class);
    String underlying = spec.text("underlying", id);
    return spec.build(() -> switch (kind) {
      case PERPETUAL, FUTURE -> new LinearContract(id, underlying,
          kind == Kind.FUTURE ? spec.epochMillis("expiry") : 0, spec.number("contractSize", 1),
          spec.number("lotSize", 0.001), schedule(spec), spec.number("penaltyRate", 0.01), spec.text("fundId", "usd"),
          maintenanceBasis(spec));
      case INVERSE_PERPETUAL, INVERSE_FUTURE -> new InverseContract(id, underlying,
          kind == Kind.INVERSE_FUTURE ? spec.epochMillis("expiry") : 0, spec.number("contractSize"),
          spec.number("lotSize", 1), schedule(spec), spec.number("penaltyRate", 0.005), spec.text("fundId", underlying),
          maintenanceBasis(spec));
      case OPTION -> new OptionContract(id, underlying, spec.enumValue("optionType", OptionType.class),
          spec.number("strike"), spec.epochMillis("expiry"), spec.number("contractSize", 1),
          spec.number("lotSize", 0.1), spec.number("penaltyRate", 0.005), spec.text("fundId", "usd"),
          spec.has("settlement") && spec.enumValue("settlement", Settlement.class) == Settlement.COIN);
      case COLLATERAL -> new CollateralAsset(id, underlying, spec.number("haircut", 0),
          spec.number("liquidationThreshold"), spec.number("liquidationBonus", 0.05),
          spec.number("protocolFeeRate", 0.1));
      case LOAN -> new LoanAsset(id, underlying);
    });
  }

  /** A perpetual's or future's convention, MARK unless the spec names one. */
  private static MaintenanceBasis maintenanceBasis(Fields spec) {
    return spec.has("maintenanceBasis") ? spec.enumValue("maintenanceBasis", MaintenanceBasis.class)
        : MaintenanceBasis.MARK;
  }

  private static MarginSchedule schedule(Fields spec) {
    double[][] brackets = spec.rows("marginTiers", 3);
    try {
      return MarginSchedule.fromRates(brackets);
    } catch (IllegalArgumentException e) {
      throw new InputError(spec.path("marginTiers"), e.getMessage());
    }
  }

  private static Account account(Fields fields, Map<String, Instrument> instruments) {
    MarginMode mode = fields.enumValue("mode", MarginMode.class);
    var positions = fields.objects("positions").stream().map(p -> {
      String id = p.text("instrument");
      Instrument instrument = instruments.get(id);
      if (!(instrument instanceof Contract)) {
        throw new InputError(p.path("instrument"), instrument == null ? "unknown instrument '" + id + "'"
            : "'" + id + "' is not a perpetual, future or option");
      }
      return p.build(() -> new Position(id, p.number("quantity"), p.number("entryPrice"),
          p.number("isolatedMargin", 0)));
    }).toList();
    Map<String, Double> collateral = fields.numbers("collateral");
    Map<String, Double> debt = fields.numbers("debt");
    collateral.keySet().forEach(asset -> requireKind(instruments, fields.path("collateral") + "." + asset, asset,
        CollateralAsset.class));
    debt.keySet().forEach(asset -> requireKind(instruments, fields.path("debt") + "." + asset, asset, LoanAsset.class));
    String currency = fields.text("currency", Account.QUOTE);
    Account account = fields.build(() -> new Account(fields.text("id"), mode, fields.number("walletBalance", 0),
        positions, collateral, debt, currency));
    for (int i = 0; i < account.positions().size(); i++) {
      String settles = MarginCalculator.settlementCurrency(instruments.get(account.positions().get(i).instrumentId()));
      if (!settles.equals(currency)
          && !MarginCalculator.holdsAcrossCurrencies(currency, mode, instruments.get(settles))) {
        throw new InputError(fields.path("positions") + "[" + i + "].instrument", "settles in " + settles
            + " but the account is margined in " + currency + " (" + mode + "): set account.currency, or hold it in a "
            + "USD account in CROSS mode with " + settles + " listed as a COLLATERAL instrument (README "
            + "\"Cross-currency\")");
      }
    }
    if (account.coinMargined() && (mode == MarginMode.LENDING || !collateral.isEmpty() || !debt.isEmpty())) {
      throw new InputError(fields.path("currency"), "a coin-margined account is CROSS, ISOLATED or PORTFOLIO and "
          + "holds no collateral or debt");
    }
    return account;
  }

  private static void requireKind(Map<String, Instrument> instruments, String path, String id, Class<?> kind) {
    if (!kind.isInstance(instruments.get(id))) {
      throw new InputError(path, "'" + id + "' is not a defined " + kind.getSimpleName());
    }
  }

  private static MarketState market(Fields fields, Map<String, Instrument> instruments, Account account,
      RiskParameters parameters) {
    long now = fields.epochMillis("time");
    double rate = fields.number("rate", 0);
    Map<String, Double> spot = fields.numbers("spot");
    Map<String, Double> vol = fields.numbers("vol");
    Map<String, Double> realized = fields.numbers("realizedVol");
    Map<String, UnderlyingConditions> conditions = new LinkedHashMap<>();
    Map<String, double[]> depth = fields.objectsByName("depth",
        d -> new double[] {d.number("bid2Pct", Double.NaN), d.number("ask2Pct", Double.NaN)});
    for (String underlying : union(realized.keySet(), depth.keySet())) {
      double[] book = depth.getOrDefault(underlying, new double[] {Double.NaN, Double.NaN});
      conditions.put(underlying, new UnderlyingConditions(realized.getOrDefault(underlying, Double.NaN), book[0],
          book[1]));
    }
    RiskArrayCalculator calculator = new RiskArrayCalculator(parameters.grid());
    Map<String, RiskArray> arrays = new LinkedHashMap<>();
    for (Instrument instrument : instruments.values()) {
      Double price = spot.get(instrument.underlying());
      if (price == null) {
        if (held(account, instrument.id())) {
          throw new InputError(fields.path("spot") + "." + instrument.underlying(),
              "no price for the underlying of held instrument " + instrument.id());
        }
        continue;
      }
      if (!(price > 0)) {
        throw new InputError(fields.path("spot") + "." + instrument.underlying(), "must be positive: " + price);
      }
      double impliedVol = vol.getOrDefault(instrument.id(), vol.getOrDefault(instrument.underlying(), Double.NaN));
      if (instrument instanceof OptionContract && !(impliedVol > 0)) {
        throw new InputError(fields.path("vol") + "." + instrument.underlying(),
            "a positive implied volatility is required for option " + instrument.id());
      }
      arrays.put(instrument.id(), calculator.compute(instrument, price, impliedVol, rate, now));
    }
    return new MarketState(now, arrays, conditions);
  }

  private static boolean held(Account account, String id) {
    return account.positions().stream().anyMatch(p -> p.instrumentId().equals(id))
        || account.collateral().containsKey(id) || account.debt().containsKey(id);
  }

  private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
    java.util.Set<String> all = new java.util.TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  private static RiskParameters parameters(Fields p) {
    RiskParameters d = RiskParameters.DEFAULT;
    Fields dynamic = p.objectOrEmpty("dynamic");
    Fields option = p.objectOrEmpty("optionMargin");
    Fields portfolio = p.objectOrEmpty("portfolio");
    Fields lending = p.objectOrEmpty("lending");
    return p.build(() -> new RiskParameters(
        p.number("warningLevel", d.warningLevel()),
        p.number("targetRatio", d.targetRatio()),
        option.build(() -> new StandardOptionMargin(option.number("baseRate", d.optionMargin().baseRate()),
            option.number("floorRate", d.optionMargin().floorRate()),
            option.number("maintenanceRate", d.optionMargin().maintenanceRate()))),
        d.grid(),
        portfolio.build(() -> new PortfolioMargin(portfolio.number("gammaShock", d.portfolio().gammaShock()),
            portfolio.number("vegaShock", d.portfolio().vegaShock()),
            portfolio.number("initialMultiplier", d.portfolio().initialMultiplier()))),
        dynamic.build(() -> new DynamicMargin(dynamic.bool("enabled", d.dynamic().enabled()),
            dynamic.number("referenceVol", d.dynamic().referenceVol()),
            dynamic.number("maxVolMultiplier", d.dynamic().maxVolMultiplier()),
            dynamic.number("maxSlippage", d.dynamic().maxSlippage()))),
        lending.build(() -> new LendingRules(lending.number("closeFactor", d.lending().closeFactor()),
            lending.number("fullCloseHealthFactor", d.lending().fullCloseHealthFactor()),
            lending.number("smallPositionValue", d.lending().smallPositionValue()),
            lending.number("minLeftoverValue", d.lending().minLeftoverValue()))),
        p.number("liquidationHorizonMinutes", d.liquidationHorizonYears() * 365 * 24 * 60) / (365 * 24 * 60),
        p.number("correlation", d.correlation())));
  }
}
