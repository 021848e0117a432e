package dev.solvent.harness.crash;

import dev.solvent.avro.account.MarginMode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;

/**
 * The crash's accounts, opened in its first minute: 60 % in matched perpetual pairs (a long at 2x to 25x against a
 * short at 1x to 10x, each cross-margined or, one in six, isolated), 15 % in put writer / put buyer pairs on portfolio
 * margin, and 25 % borrowers of USDC against ETH or BTC at loan-to-values of 40 % to 72 %. Sizes are lognormal
 * around 15,000 USD of notional (at most 200,000, inside the first margin tier). Every trade has its counterparty in
 * the population, so open interest nets to zero.
 *
 * <p>A coin-margined share (opened after the others, so a share of 0 is the population of v0.1) holds only BTC:
 * two thirds in inverse perpetual pairs (100 USD contracts, the same leverages and modes, margin deposited in BTC),
 * one third in coin-settled put writer / buyer pairs on portfolio margin in BTC (premiums in BTC).
 */
final class Population {

  private static final int[] LONG_LEVERAGE = {2, 3, 5, 5, 10, 10, 10, 15, 20, 20, 25};
  private static final int[] SHORT_LEVERAGE = {1, 2, 3, 3, 5, 10};
  private static final int[] STRIKES = {90, 80, 70};

  private final CrashScenario scenario;
  private final Random random;
  private final int accounts;
  private int opened;

  private final double coinShare;

  Population(CrashScenario scenario, int accounts, double coinShare) {
    this.scenario = scenario;
    this.random = scenario.random();
    this.accounts = accounts;
    this.coinShare = coinShare;
  }

  void open() {
    int coinAccounts = (int) Math.round(accounts * coinShare);
    int inversePairs = coinAccounts / 3;
    int coinOptionPairs = (coinAccounts - 2 * inversePairs) / 2;
    int usd = accounts - 2 * inversePairs - 2 * coinOptionPairs;
    int perpetualPairs = usd * 60 / 100 / 2;
    int optionPairs = usd * 15 / 100 / 2;
    int borrowers = usd - 2 * perpetualPairs - 2 * optionPairs;
    for (int i = 0; i < perpetualPairs; i++) {
      perpetualPair(i);
    }
    for (int i = 0; i < optionPairs; i++) {
      optionPair(i);
    }
    for (int i = 0; i < borrowers; i++) {
      borrower(i);
    }
    for (int i = 0; i < inversePairs; i++) {
      inversePair(i);
    }
    for (int i = 0; i < coinOptionPairs; i++) {
      coinOptionPair(i);
    }
  }

  private double notional() {
    return Math.min(200_000, Math.max(500, 15_000 * Math.exp(random.nextGaussian())));
  }

  private MarginMode perpetualMode() {
    return random.nextInt(6) == 0 ? MarginMode.ISOLATED : MarginMode.CROSS;
  }

  private void perpetualPair(int i) {
    boolean btc = random.nextDouble() < 0.55;
    String instrument = btc ? CrashScenario.BTC_PERP : CrashScenario.ETH_PERP;
    double price = scenario.startPrice(btc ? "BTC" : "ETH");
    BigDecimal lot = new BigDecimal(btc ? "0.001" : "0.01");
    BigDecimal quantity = BigDecimal.valueOf(notional() / price).divide(lot, 0, RoundingMode.FLOOR).max(BigDecimal.ONE)
        .multiply(lot);
    BigDecimal at = BigDecimal.valueOf(price);
    String longId = "perp-" + i + "-long";
    String shortId = "perp-" + i + "-short";
    long time = CrashScenario.setupTime(opened, accounts);
    fund(time, longId, perpetualMode(), quantity, at, LONG_LEVERAGE[random.nextInt(LONG_LEVERAGE.length)]);
    fund(time, shortId, perpetualMode(), quantity, at, SHORT_LEVERAGE[random.nextInt(SHORT_LEVERAGE.length)]);
    scenario.trade(time + 1, longId, instrument, "open-" + i + "-buy", quantity, at);
    scenario.trade(time + 1, shortId, instrument, "open-" + i + "-sell", quantity.negate(), at);
    opened += 2;
  }

  /** Opens the account with the margin for {@code leverage} (plus up to 20 % more) and the opening fee. */
  private void fund(long time, String account, MarginMode mode, BigDecimal quantity, BigDecimal price, int leverage) {
    scenario.opened(time, account, mode);
    double notional = quantity.multiply(price).doubleValue();
    double margin = notional / leverage * (1 + 0.2 * random.nextDouble()) + notional * CrashScenario.TAKER_FEE;
    scenario.deposit(time, account, "USD", BigDecimal.valueOf(margin));
  }

  private void optionPair(int i) {
    String underlying = random.nextDouble() < 0.6 ? "BTC" : "ETH";
    int strike = STRIKES[random.nextInt(STRIKES.length)];
    String option = CrashScenario.put(underlying, strike);
    double spot = scenario.startPrice(underlying);
    BigDecimal quantity = BigDecimal.valueOf(notional() / spot).setScale(2, RoundingMode.FLOOR)
        .max(new BigDecimal("0.01"));
    BigDecimal premium = BigDecimal.valueOf(scenario.optionPremium(underlying, strike))
        .setScale(2, RoundingMode.HALF_EVEN).max(new BigDecimal("0.01"));
    String writer = "puts-" + i + "-writer";
    String buyer = "puts-" + i + "-buyer";
    long time = CrashScenario.setupTime(opened, accounts);
    double notional = quantity.doubleValue() * spot;
    // Writers post 20 % to 35 % of the notional, above the portfolio margin at the start: a 30 % fall takes most of
    // them through it.
    scenario.opened(time, writer, MarginMode.PORTFOLIO);
    scenario.deposit(time, writer, "USD", BigDecimal.valueOf(notional * (0.20 + 0.15 * random.nextDouble())));
    scenario.opened(time, buyer, MarginMode.PORTFOLIO);
    scenario.deposit(time, buyer, "USD", BigDecimal.valueOf(premium.doubleValue() * quantity.doubleValue() * 1.5 + 10));
    scenario.trade(time + 1, writer, option, "puts-" + i + "-sell", quantity.negate(), premium);
    scenario.trade(time + 1, buyer, option, "puts-" + i + "-buy", quantity, premium);
    opened += 2;
  }

  private void inversePair(int i) {
    double price = scenario.startPrice("BTC");
    BigDecimal contracts = BigDecimal.valueOf(Math.max(1, Math.floor(notional() / 100)));
    BigDecimal at = BigDecimal.valueOf(price);
    String longId = "inverse-" + i + "-long";
    String shortId = "inverse-" + i + "-short";
    long time = CrashScenario.setupTime(opened, accounts);
    // In BTC: the contracts' coin notional at the opening price, and its fee.
    BigDecimal coinNotional = contracts.multiply(CrashScenario.INVERSE_CONTRACT).divide(at, 8, RoundingMode.HALF_EVEN);
    fundInBtc(time, longId, perpetualMode(), coinNotional, LONG_LEVERAGE[random.nextInt(LONG_LEVERAGE.length)]);
    fundInBtc(time, shortId, perpetualMode(), coinNotional, SHORT_LEVERAGE[random.nextInt(SHORT_LEVERAGE.length)]);
    scenario.trade(time + 1, longId, CrashScenario.BTCUSD_PERP, "open-inverse-" + i + "-buy", contracts, at,
        coinNotional);
    scenario.trade(time + 1, shortId, CrashScenario.BTCUSD_PERP, "open-inverse-" + i + "-sell", contracts.negate(),
        at, coinNotional);
    opened += 2;
  }

  private void fundInBtc(long time, String account, MarginMode mode, BigDecimal coinNotional, int leverage) {
    scenario.opened(time, account, mode, "BTC");
    double notional = coinNotional.doubleValue();
    double margin = notional / leverage * (1 + 0.2 * random.nextDouble()) + notional * CrashScenario.TAKER_FEE;
    scenario.deposit(time, account, "BTC", BigDecimal.valueOf(margin));
  }

  private void coinOptionPair(int i) {
    int strike = STRIKES[random.nextInt(STRIKES.length)];
    String option = CrashScenario.coinPut(strike);
    double spot = scenario.startPrice("BTC");
    BigDecimal quantity = BigDecimal.valueOf(notional() / spot).setScale(2, RoundingMode.FLOOR)
        .max(new BigDecimal("0.01"));
    BigDecimal premium = BigDecimal.valueOf(scenario.optionPremium("BTC", strike) / spot)
        .setScale(8, RoundingMode.HALF_EVEN).max(new BigDecimal("0.00000001"));
    String writer = "coin-puts-" + i + "-writer";
    String buyer = "coin-puts-" + i + "-buyer";
    long time = CrashScenario.setupTime(opened, accounts);
    // As the USD pairs, in BTC: writers post 20 % to 35 % of the notional (the quantity of BTC), buyers 1.5 times
    // the premium and 10 USD's worth.
    scenario.opened(time, writer, MarginMode.PORTFOLIO, "BTC");
    scenario.deposit(time, writer, "BTC", BigDecimal.valueOf(quantity.doubleValue()
        * (0.20 + 0.15 * random.nextDouble())));
    scenario.opened(time, buyer, MarginMode.PORTFOLIO, "BTC");
    scenario.deposit(time, buyer, "BTC", BigDecimal.valueOf(premium.doubleValue() * quantity.doubleValue() * 1.5
        + 10 / spot));
    scenario.trade(time + 1, writer, option, "coin-puts-" + i + "-sell", quantity.negate(), premium);
    scenario.trade(time + 1, buyer, option, "coin-puts-" + i + "-buy", quantity, premium);
    opened += 2;
  }

  private void borrower(int i) {
    boolean eth = random.nextDouble() < 0.6;
    String collateral = eth ? "ETH" : "BTC";
    double spot = scenario.startPrice(collateral);
    double value = notional();
    double loanToValue = 0.40 + 0.32 * random.nextDouble();
    String account = "loan-" + i;
    long time = CrashScenario.setupTime(opened, accounts);
    scenario.opened(time, account, MarginMode.LENDING);
    scenario.deposit(time, account, collateral, BigDecimal.valueOf(value / spot));
    scenario.borrow(time + 1, account, "USDC", BigDecimal.valueOf(value * loanToValue).setScale(2,
        RoundingMode.FLOOR));
    opened++;
  }
}
