package dev.solvent.harness.crash;

import dev.solvent.avro.account.AccountEvent;
import dev.solvent.avro.account.AccountOpened;
import dev.solvent.avro.account.Borrow;
import dev.solvent.avro.account.Deposit;
import dev.solvent.avro.account.MarginMode;
import dev.solvent.avro.account.Trade;
import dev.solvent.avro.instruments.Instrument;
import dev.solvent.avro.instruments.InstrumentKind;
import dev.solvent.avro.instruments.InstrumentUpdate;
import dev.solvent.avro.instruments.MarginTier;
import dev.solvent.avro.instruments.OptionType;
import dev.solvent.avro.instruments.Settlement;
import dev.solvent.avro.ticks.MarketTick;
import dev.solvent.avro.ticks.Quote;
import dev.solvent.avro.vols.MarketVol;
import dev.solvent.avro.vols.VolQuote;
import dev.solvent.harness.loop.Feed;
import dev.solvent.harness.loop.LoopRecord;
import dev.solvent.risk.pricing.Black76;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The built-in crash, generated from a seed. Shaped like Black Thursday (12 March 2020, when BTC lost about half
 * its price within hours and ETH more) compressed into four hours: an hour of calm, a fall of 40 % (BTC) and 45 %
 * (ETH) in 45 minutes, then a partial rebound. Twice the price gaps about 6 % between two ticks (BTC at 85 minutes, ETH at 95), as order
 * books emptied that day: fills land beyond bankruptcy prices, the fund pays deficits, and once it runs dry, ADL. Three exchanges quote every five seconds with their own noise; one
 * of them prints a manipulated BTC spike 30 % down for a minute before the crash (the oracle's outlier band must
 * drop it). Implied vols jump with the fall. The population opens its positions in the first minute: matched
 * perpetual pairs (cross and isolated, leverage 1x to 50x), put writers against put buyers on portfolio margin,
 * and borrowers of USDC against ETH or BTC; the insurance fund is seeded small, so deficits exhaust it and ADL runs.
 */
public final class CrashScenario {

  /**
   * @param accounts the population (at least 10 for one of each kind)
   * @param fundSeed the insurance fund's starting balance, USD
   */
  /**
   * @param coinShare the share of accounts margined in BTC (inverse perpetual pairs and coin-settled put pairs); 0 is
   *     the population of v0.1, all USD-margined
   * @param funds how many insurance funds (venues) the accounts are spread over, in turn, each seeded with its share
   *     of {@code fundSeed}: 1 is the single fund {@value #FUND}; more are {@code venue-1}, {@code venue-2}, … (what a
   *     mutual pool mutualizes)
   */
  public record Settings(int accounts, long seed, BigDecimal fundSeed, double coinShare, int funds) {
    public Settings {
      if (!(coinShare >= 0 && coinShare <= 0.5)) {
        throw new IllegalArgumentException("the coin-margined share is between 0 and 0.5, got " + coinShare);
      }
      if (funds < 1 || funds > 100) {
        throw new IllegalArgumentException("the population's funds are between 1 and 100, got " + funds);
      }
    }

    /** One fund. */
    public Settings(int accounts, long seed, BigDecimal fundSeed, double coinShare) {
      this(accounts, seed, fundSeed, coinShare, 1);
    }

    /** The fund accounts open with, in turn. */
    String fund(long opened) {
      return funds == 1 ? FUND : "venue-" + (opened % funds + 1);
    }

    /** A population without coin-margined accounts. */
    public Settings(int accounts, long seed, BigDecimal fundSeed) {
      this(accounts, seed, fundSeed, 0);
    }

    public static Settings demo() {
      return new Settings(10_000, 20_200_312L, new BigDecimal("10000"), 0.1);
    }
  }

  public static final long START = Instant.parse("2020-03-12T10:00:00Z").toEpochMilli();
  public static final long DURATION = 4 * 3_600_000L;
  public static final List<String> EXCHANGES = List.of("exchange-a", "exchange-b", "exchange-c");
  public static final String FUND = "main";
  static final long TICK_MILLIS = 5_000;
  static final long VOL_MILLIS = 60_000;
  static final long SETUP_MILLIS = 60_000;
  static final double TAKER_FEE = 0.0002;

  /** Knots: minutes from the start, price relative to it. */
  static final PricePath BTC = new PricePath(60_000, new double[][] {
      {0, 1}, {60, 1.0}, {75, 0.90}, {85, 0.79}, {85.05, 0.74}, {90, 0.72}, {105, 0.60}, {120, 0.66}, {150, 0.70},
      {240, 0.74}});
  static final PricePath ETH = new PricePath(2_000, new double[][] {
      {0, 1}, {60, 1.0}, {75, 0.88}, {90, 0.70}, {95, 0.66}, {95.05, 0.61}, {105, 0.55}, {120, 0.62}, {150, 0.66},
      {240, 0.70}});
  static final long SPIKE_AT = 30 * 60_000L;
  static final long SPIKE_FOR = 60_000L;

  private final Settings settings;
  private final long start;
  private final long listedAt;
  private final Map<String, Double> startPrices;
  private final Random random;
  private final List<LoopRecord> records = new ArrayList<>();
  private long sequence;
  private long openedAccounts;

  private CrashScenario(Settings settings, long listedAt, long start, Map<String, Double> startPrices) {
    this.settings = settings;
    this.listedAt = listedAt;
    this.start = start;
    this.startPrices = Map.copyOf(startPrices);
    this.random = new Random(settings.seed());
  }

  public static Feed generate(Settings settings) {
    if (settings.accounts() < 10) {
      throw new IllegalArgumentException("the crash needs at least 10 accounts, got " + settings.accounts());
    }
    CrashScenario s = new CrashScenario(settings, START, START, Map.of("BTC", BTC.start(), "ETH", ETH.start()));
    s.instruments();
    s.prices("BTC", BTC, true);
    s.prices("ETH", ETH, false);
    s.stablecoin();
    s.vols();
    new Population(s, settings.accounts(), settings.coinShare()).open();
    s.fundSeeds();
    return new Feed(s.records, START, START + DURATION, String.format(
        "generated crash (seed %d): BTC -%.0f %% and ETH -%.0f %% at the trough, %,d accounts",
        settings.seed(), (1 - BTC.trough()) * 100, (1 - ETH.trough()) * 100, settings.accounts()));
  }

  /**
   * The crash's instruments, population and fund, without its prices, for a replay of recorded history: the
   * instruments are listed at {@code listedAt} (the history's start, so the oracle's first prices value them) and the
   * accounts open at {@code start} at the prices then. The history has no stablecoin price, so USDC (the lending
   * mode's loan asset) is quoted at par by two generated sources every minute until {@code end}, and options are
   * valued at the configured default implied vol ({@code risk.default-implied-vol}), since no vols are recorded.
   *
   * @param startPrices BTC and ETH prices at {@code start}
   */
  public static Feed population(Settings settings, long listedAt, long start, long end,
      Map<String, Double> startPrices) {
    for (String u : List.of("BTC", "ETH")) {
      if (!startPrices.containsKey(u)) {
        throw new IllegalArgumentException("a generated population needs a price of " + u + " at "
            + Instant.ofEpochMilli(start) + " in the history");
      }
    }
    CrashScenario s = new CrashScenario(settings, listedAt, start, startPrices);
    s.instruments();
    for (long t = 0; listedAt + t <= end; t += 60_000) {
      for (String source : List.of("par-a", "par-b")) {
        s.records.add(new LoopRecord("market.ticks", listedAt + t, new MarketTick(Instant.ofEpochMilli(listedAt + t),
            new Quote("USDC", source, d("1"), t / 60_000 + 1, null, null, null, null))));
      }
    }
    new Population(s, settings.accounts(), settings.coinShare()).open();
    s.fundSeeds();
    return new Feed(s.records, start, end, String.format("generated population (seed %d) of %,d accounts at BTC "
        + "%,.0f and ETH %,.0f", settings.seed(), settings.accounts(), startPrices.get("BTC"), startPrices.get("ETH")));
  }

  /**
   * Each fund's USD seed (its share of the seed); with coin-margined accounts, its BTC balance too, seeded with the
   * same value at the start.
   */
  private void fundSeeds() {
    BigDecimal share = settings.fundSeed().divide(BigDecimal.valueOf(settings.funds()), 8, RoundingMode.DOWN);
    for (int i = 0; i < settings.funds(); i++) {
      String fund = "fund:" + settings.fund(i);
      event(0, new Deposit(fund, "USD", money(share)));
      if (settings.coinShare() > 0) {
        event(0, new Deposit(fund, "BTC", money(share.divide(BigDecimal.valueOf(startPrice("BTC")), 8,
            RoundingMode.HALF_EVEN))));
      }
    }
  }

  double startPrice(String underlying) {
    return startPrices.get(underlying);
  }

  Random random() {
    return random;
  }

  // Instruments -------------------------------------------------------------------------------------------------

  static final String BTC_PERP = "BTC-PERP";
  static final String ETH_PERP = "ETH-PERP";
  /** The inverse perpetual: 100 USD a contract, margined in BTC (Binance COIN-M BTCUSD). */
  static final String BTCUSD_PERP = "BTCUSD-PERP";
  static final BigDecimal INVERSE_CONTRACT = new BigDecimal("100");
  static final long OPTION_LIFE = 7 * 86_400_000L;

  static String put(String underlying, int strikePercent) {
    return underlying + "-P" + strikePercent;
  }

  /** A BTC put priced, margined and settled in BTC (Deribit style). */
  static String coinPut(int strikePercent) {
    return "BTC-P" + strikePercent + "-COIN";
  }

  double strike(String underlying, int strikePercent) {
    return startPrice(underlying) * strikePercent / 100;
  }

  private void instruments() {
    perpetual(BTC_PERP, "BTC", "0.001");
    perpetual(ETH_PERP, "ETH", "0.01");
    for (String u : List.of("BTC", "ETH")) {
      for (int k : List.of(90, 80, 70)) {
        instrument(Instrument.newBuilder().setInstrumentId(put(u, k)).setUnderlying(u).setKind(InstrumentKind.OPTION)
            .setContractSize(d("1")).setLotSize(d("0.01")).setExpiry(Instant.ofEpochMilli(start + OPTION_LIFE))
            .setStrike(money(BigDecimal.valueOf(strike(u, k)))).setOptionType(OptionType.PUT)
            .setMarginTiers(List.of()).setLiquidationPenaltyRate(d("0.005")).setCollateralHaircut(null)
            .setLiquidationThreshold(null).setLiquidationBonus(null).setProtocolFeeRate(null)
            .setInsuranceFundId(FUND).build());
      }
      instrument(Instrument.newBuilder().setInstrumentId(u).setUnderlying(u).setKind(InstrumentKind.SPOT_COLLATERAL)
          .setContractSize(d("1")).setLotSize(d("0.00000001")).setExpiry(null).setStrike(null).setOptionType(null)
          .setMarginTiers(List.of()).setLiquidationPenaltyRate(null).setCollateralHaircut(d("0"))
          .setLiquidationThreshold(d(u.equals("BTC") ? "0.78" : "0.825")).setLiquidationBonus(d("0.05"))
          .setProtocolFeeRate(d("0.1")).setInsuranceFundId("none").build());
    }
    instrument(Instrument.newBuilder().setInstrumentId("USDC").setUnderlying("USDC").setKind(InstrumentKind.LOAN)
        .setContractSize(d("1")).setLotSize(d("0.00000001")).setExpiry(null).setStrike(null).setOptionType(null)
        .setMarginTiers(List.of()).setLiquidationPenaltyRate(null).setCollateralHaircut(null)
        .setLiquidationThreshold(null).setLiquidationBonus(null).setProtocolFeeRate(null).setInsuranceFundId("none")
        .build());
    if (settings.coinShare() > 0) {
      coinInstruments();
    }
  }

  /**
   * The inverse perpetual, with brackets in BTC as Binance COIN-M lists them (50x and 1 % up to 5 BTC of notional,
   * then 20x and 2.5 %), and the coin-settled puts.
   */
  private void coinInstruments() {
    instrument(Instrument.newBuilder().setInstrumentId(BTCUSD_PERP).setUnderlying("BTC")
        .setKind(InstrumentKind.PERPETUAL).setContractSize(money(INVERSE_CONTRACT)).setLotSize(d("1"))
        .setExpiry(null).setStrike(null).setOptionType(null)
        .setMarginTiers(List.of(new MarginTier(d("0"), d("5"), 50, d("0.01"), d("0")),
            new MarginTier(d("5"), null, 20, d("0.025"), d("0.075"))))
        .setSettlement(Settlement.COIN)
        .setLiquidationPenaltyRate(d("0.01")).setCollateralHaircut(null).setLiquidationThreshold(null)
        .setLiquidationBonus(null).setProtocolFeeRate(null).setInsuranceFundId(FUND).build());
    for (int k : List.of(90, 80, 70)) {
      instrument(Instrument.newBuilder().setInstrumentId(coinPut(k)).setUnderlying("BTC")
          .setKind(InstrumentKind.OPTION).setContractSize(d("1")).setLotSize(d("0.01"))
          .setExpiry(Instant.ofEpochMilli(start + OPTION_LIFE)).setStrike(money(BigDecimal.valueOf(strike("BTC", k))))
          .setOptionType(OptionType.PUT).setMarginTiers(List.of()).setSettlement(Settlement.COIN)
          .setLiquidationPenaltyRate(d("0.005")).setCollateralHaircut(null).setLiquidationThreshold(null)
          .setLiquidationBonus(null).setProtocolFeeRate(null).setInsuranceFundId(FUND).build());
    }
  }

  /** Two tiers as on the large venues: 50x and 1 % maintenance up to 250,000 USD of notional, then 20x and 2.5 %. */
  private void perpetual(String id, String underlying, String lot) {
    instrument(Instrument.newBuilder().setInstrumentId(id).setUnderlying(underlying)
        .setKind(InstrumentKind.PERPETUAL).setContractSize(d("1")).setLotSize(d(lot)).setExpiry(null)
        .setStrike(null).setOptionType(null)
        .setMarginTiers(List.of(new MarginTier(d("0"), d("250000"), 50, d("0.01"), d("0")),
            new MarginTier(d("250000"), null, 20, d("0.025"), d("3750"))))
        .setLiquidationPenaltyRate(d("0.01")).setCollateralHaircut(null).setLiquidationThreshold(null)
        .setLiquidationBonus(null).setProtocolFeeRate(null).setInsuranceFundId(FUND).build());
  }

  private void instrument(Instrument spec) {
    records.add(new LoopRecord("instruments", listedAt, new InstrumentUpdate(Instant.ofEpochMilli(listedAt), spec)));
  }

  // Prices ------------------------------------------------------------------------------------------------------

  /** Each exchange: the path, a shared mean-reverting wiggle, and its own noise; exchange-c's BTC spike if asked. */
  private void prices(String underlying, PricePath path, boolean spike) {
    double wiggle = 0;
    for (long t = 0; t <= DURATION; t += TICK_MILLIS) {
      wiggle = 0.9 * wiggle + random.nextGaussian() * 0.0015;
      double mid = path.at(t) * Math.exp(wiggle);
      for (int i = 0; i < EXCHANGES.size(); i++) {
        String exchange = EXCHANGES.get(i);
        double price = mid * (1 + random.nextGaussian() * 0.0004);
        if (spike && exchange.equals("exchange-c") && t >= SPIKE_AT && t < SPIKE_AT + SPIKE_FOR) {
          price *= 0.70;
        }
        long at = START + t + i * 700L; // the exchanges do not tick in unison
        records.add(new LoopRecord("market.ticks", at, new MarketTick(Instant.ofEpochMilli(at), new Quote(underlying,
            exchange, money(BigDecimal.valueOf(price)), ++sequence, null, null, null, null))));
      }
    }
  }

  private void stablecoin() {
    for (long t = 0; t <= DURATION; t += TICK_MILLIS * 6) {
      for (String exchange : EXCHANGES) {
        double price = 1 + random.nextGaussian() * 0.0002;
        records.add(new LoopRecord("market.ticks", START + t, new MarketTick(Instant.ofEpochMilli(START + t),
            new Quote("USDC", exchange, money(BigDecimal.valueOf(price)), ++sequence, null, null, null, null))));
      }
    }
  }

  /** Implied vol: 45 % before, up to about 110 % at the trough, with a put skew. */
  static double impliedVol(String underlying, long millis, double strikeOverSpot) {
    PricePath path = underlying.equals("BTC") ? BTC : ETH;
    double fall = 1 - path.at(millis) / path.start();
    double atm = 0.45 + 1.6 * Math.max(0, fall);
    return atm * (1 + 0.5 * Math.max(0, 1 - strikeOverSpot));
  }

  private void vols() {
    for (long t = 0; t <= DURATION; t += VOL_MILLIS) {
      for (String u : List.of("BTC", "ETH")) {
        PricePath path = u.equals("BTC") ? BTC : ETH;
        for (int k : List.of(90, 80, 70)) {
          double vol = impliedVol(u, t, strike(u, k) / path.at(t));
          records.add(new LoopRecord("market.vols", START + t, new MarketVol(Instant.ofEpochMilli(START + t),
              new VolQuote(u, put(u, k), "exchange-a", vol))));
          if (u.equals("BTC") && settings.coinShare() > 0) {
            records.add(new LoopRecord("market.vols", START + t, new MarketVol(Instant.ofEpochMilli(START + t),
                new VolQuote(u, coinPut(k), "exchange-a", vol))));
          }
        }
      }
    }
  }

  // Accounts ----------------------------------------------------------------------------------------------------

  void opened(long at, String account, MarginMode mode) {
    opened(at, account, mode, null);
  }

  /** An account margined in {@code currency} (null: the quote). */
  void opened(long at, String account, MarginMode mode, String currency) {
    event(at, new AccountOpened(account, mode, settings.fund(openedAccounts++), currency));
  }

  void deposit(long at, String account, String asset, BigDecimal amount) {
    event(at, new Deposit(account, asset, money(amount)));
  }

  void borrow(long at, String account, String asset, BigDecimal amount) {
    event(at, new Borrow(account, asset, money(amount)));
  }

  void trade(long at, String account, String instrument, String tradeId, BigDecimal quantity, BigDecimal price) {
    trade(at, account, instrument, tradeId, quantity, price, quantity.abs().multiply(price));
  }

  /** A trade whose fee is the taker rate on {@code notional}, in the account's currency. */
  void trade(long at, String account, String instrument, String tradeId, BigDecimal quantity, BigDecimal price,
      BigDecimal notional) {
    BigDecimal fee = notional.multiply(BigDecimal.valueOf(TAKER_FEE)).setScale(8, RoundingMode.CEILING);
    event(at, new Trade(account, instrument, tradeId, quantity.setScale(8, RoundingMode.UNNECESSARY), money(price),
        fee));
  }

  double optionPremium(String underlying, int strikePercent) {
    double years = OPTION_LIFE / (365.25 * 86_400_000.0);
    return Black76.DEFAULT.price(dev.solvent.risk.pricing.OptionType.PUT, startPrice(underlying),
        strike(underlying, strikePercent), years, impliedVol(underlying, 0, strikePercent / 100.0), 0);
  }

  private void event(long at, Object payload) {
    records.add(new LoopRecord("account.events", start + at, new AccountEvent(Instant.ofEpochMilli(start + at),
        ++sequence, payload)));
  }

  static BigDecimal money(BigDecimal value) {
    return value.setScale(8, RoundingMode.HALF_EVEN);
  }

  static BigDecimal d(String value) {
    return new BigDecimal(value).setScale(8, RoundingMode.UNNECESSARY);
  }

  static long setupTime(int index, int accounts) {
    return 1_000 + (long) index * (SETUP_MILLIS - 2_000) / accounts;
  }
}
