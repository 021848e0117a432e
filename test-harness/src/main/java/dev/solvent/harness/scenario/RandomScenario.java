package dev.solvent.harness.scenario;

import dev.solvent.avro.account.MarginMode;
import java.util.Random;

/**
 * A seeded scenario with every margin mode: BTC and ETH perpetuals, BTC options, ETH collateral and USDC loans;
 * three price sources per underlying (one printing a spike), a crash of the given depth from a third of the run, and
 * accounts of random size and leverage. No venue fills it: liquidations escalate, which exercises timers too.
 */
public final class RandomScenario {

  private RandomScenario() {}

  public static Scenario generate(long seed, int accounts, int seconds, double crash) {
    return generate(seed, accounts, seconds, crash, 0.001);
  }

  /**
   * @param crash the fall over the minute that starts a third of the way in (0.35: 35 %)
   * @param calmVol the standard deviation of BTC's return per second outside the crash (ETH's is 1.5 times it);
   *     0.001 is a wild market (about 560 % a year), 0.0001 a calm one (56 %)
   */
  public static Scenario generate(long seed, int accounts, int seconds, double crash, double calmVol) {
    return generate(seed, accounts, seconds, crash, calmVol, s -> {});
  }

  /** @param extra adds instruments and accounts of the caller's own, before the closing heartbeats */
  public static Scenario generate(long seed, int accounts, int seconds, double crash, double calmVol,
      java.util.function.Consumer<Scenario> extra) {
    Random random = new Random(seed);
    Scenario s = new Scenario()
        .perpetual(0, "BTC-PERP", "BTC", "0.005", 100, "0.001", "0.002", "usd")
        .perpetual(0, "ETH-PERP", "ETH", "0.01", 50, "0.01", "0.002", "usd")
        .option(0, "BTC-C-110K", "BTC", "CALL", "110000", 30L * 86_400_000, "0.1", "0.002", "usd")
        .option(0, "BTC-P-90K", "BTC", "PUT", "90000", 30L * 86_400_000, "0.1", "0.002", "usd")
        .collateral(0, "ETH", "0.825", "0.05", "0.1")
        .loan(0, "USDC")
        .deposit(1_000, "fund:usd", "USD", "50000")
        .vol(0, "BTC", null, 0.6);
    double btc = 100_000;
    double eth = 4_000;
    for (int t = 0; t < seconds; t++) {
      double shock = t > seconds / 3 && t < seconds / 3 + 60 ? -crash / 60 : 0;
      btc *= Math.exp(shock + calmVol * random.nextGaussian());
      eth *= Math.exp(1.2 * shock + 1.5 * calmVol * random.nextGaussian());
      long at = t * 1_000L;
      for (String source : new String[] {"a", "b", "c"}) {
        boolean spike = source.equals("c") && t == seconds / 2;
        s.quote(at, "BTC", source, price(btc * (spike ? 1.3 : 1 + 0.0002 * random.nextGaussian())));
        s.quote(at, "ETH", source, price(eth * (1 + 0.0002 * random.nextGaussian())));
        s.quote(at, "USDC", source, "1");
      }
      if (t % 10 == 0) {
        s.vol(at, "BTC", null, 0.6 + (t > seconds / 3 ? 0.4 : 0) + 0.02 * random.nextGaussian());
      }
    }
    for (int i = 0; i < accounts; i++) {
      String id = String.format("acct-%05d", i);
      int kind = random.nextInt(10);
      if (kind < 6) {
        s.open(1_000, id, MarginMode.CROSS, "usd");
        double notional = 1_000 + random.nextDouble() * 200_000;
        double leverage = 2 + random.nextDouble() * 40;
        s.deposit(1_000, id, "USD", price(notional / leverage));
        boolean onBtc = random.nextBoolean();
        double quantity = (random.nextInt(4) == 0 ? -1 : 1) * notional / (onBtc ? 100_000 : 4_000);
        s.trade(2_000, id, onBtc ? "BTC-PERP" : "ETH-PERP", lots(quantity, onBtc ? 0.001 : 0.01),
            onBtc ? "100000" : "4000");
      } else if (kind < 8) {
        s.open(1_000, id, MarginMode.PORTFOLIO, "usd");
        s.deposit(1_000, id, "USD", price(20_000 + random.nextDouble() * 60_000));
        s.trade(2_000, id, "BTC-C-110K", lots(-(1 + random.nextInt(20)) * 0.1 * 5, 0.1), "1800");
        s.trade(2_000, id, "BTC-P-90K", lots(-(1 + random.nextInt(20)) * 0.1 * 5, 0.1), "1500");
      } else {
        s.open(1_000, id, MarginMode.LENDING, "usd");
        double eths = 1 + random.nextDouble() * 20;
        s.deposit(2_000, id, "ETH", price(eths));
        s.borrow(2_000, id, "USDC", price(eths * 4_000 * (0.55 + random.nextDouble() * 0.25)));
      }
    }
    extra.accept(s);
    return s.heartbeats(seconds * 1_000L);
  }

  private static String price(double value) {
    return new java.math.BigDecimal(value).setScale(8, java.math.RoundingMode.HALF_EVEN).toPlainString();
  }

  private static String lots(double quantity, double lot) {
    long n = Math.max(1, Math.round(Math.abs(quantity) / lot));
    return java.math.BigDecimal.valueOf(lot).multiply(java.math.BigDecimal.valueOf(n * (long) Math.signum(quantity)))
        .toPlainString();
  }
}
