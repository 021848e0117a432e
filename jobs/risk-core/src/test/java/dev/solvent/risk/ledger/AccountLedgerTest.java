package dev.solvent.risk.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.solvent.risk.account.Account;
import dev.solvent.risk.account.MarginMode;
import dev.solvent.risk.account.Position;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Cash accounting of one account (README "Money" and the "Conservation" invariant of "Invariants"): a fill
 * moves qty × price × contract size between cash and the position, so equity = cash + Σ qty × contract size × mark
 * to the last digit, whatever the order of fills; realized P&L is reported against the average entry price (the
 * average-cost method the README's invariant uses). Every expected number is worked out by hand in the comments.
 */
class AccountLedgerTest {

  private static final String USD = "USD";
  private static final BigDecimal ONE = BigDecimal.ONE;
  /** Average entries that do not terminate are kept to 24 decimals: the realized P&L is off by less than this. */
  private static final BigDecimal TOLERANCE_AVERAGE_COST = new BigDecimal("1e-20");
  private static final double TOLERANCE_PRICE = 1e-9;

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  private static AccountLedger funded(String cash) {
    return AccountLedger.open("alice", MarginMode.CROSS, "fund-usd", Account.QUOTE).deposit(USD, d(cash), USD);
  }

  /** Equity as the ledger holds it: cash + Σ qty × contract size × mark. */
  private static BigDecimal equity(AccountLedger ledger, BigDecimal contractSize, Map<String, BigDecimal> marks) {
    BigDecimal equity = ledger.cash();
    for (LedgerPosition p : ledger.positions()) {
      equity = equity.add(p.quantity().multiply(contractSize).multiply(marks.get(p.instrumentId())));
    }
    return equity;
  }

  @Test
  void openingFillMovesItsNotionalAndFeeOutOfCash() {
    // 10,000 in, buy 1 at 100,000 paying 10: cash 10,000 − 100,000 − 10 = −90,010; the position costs 100,000.
    AccountLedger l = funded("10000").fill("BTC-PERP", d("1"), d("100000"), ONE, Payoff.LINEAR, d("10"));
    assertThat(l.cash()).isEqualByComparingTo("-90010");
    assertThat(l.position("BTC-PERP").quantity()).isEqualByComparingTo("1");
    assertThat(l.position("BTC-PERP").cost()).isEqualByComparingTo("100000");
    assertThat(l.position("BTC-PERP").entryPrice(ONE, Payoff.LINEAR)).isEqualByComparingTo("100000");
    assertThat(l.fees()).isEqualByComparingTo("10");
    assertThat(l.realizedPnl()).isZero();
    assertThat(l.hasRisk()).isTrue();
  }

  @Test
  void addingAveragesTheEntryAndClosingRealizesAgainstIt() {
    AccountLedger l = funded("10000").fill("BTC-PERP", d("1"), d("100000"), ONE, Payoff.LINEAR, d("10"))
        .fill("BTC-PERP", d("1"), d("102000"), ONE, Payoff.LINEAR, BigDecimal.ZERO);
    // 2 at a cost of 202,000: average entry 101,000.
    assertThat(l.position("BTC-PERP").cost()).isEqualByComparingTo("202000");
    assertThat(l.position("BTC-PERP").entryPrice(ONE, Payoff.LINEAR)).isEqualByComparingTo("101000");
    assertThat(l.realizedPnl()).isZero();

    // Sell 0.5 at 104,000: realized 0.5 × (104,000 − 101,000) = 1,500; cost 202,000 × 1.5 / 2 = 151,500;
    // cash −192,010 + 52,000 = −140,010.
    l = l.fill("BTC-PERP", d("-0.5"), d("104000"), ONE, Payoff.LINEAR, BigDecimal.ZERO);
    assertThat(l.realizedPnl()).isEqualByComparingTo("1500");
    assertThat(l.position("BTC-PERP").quantity()).isEqualByComparingTo("1.5");
    assertThat(l.position("BTC-PERP").cost()).isEqualByComparingTo("151500");
    assertThat(l.position("BTC-PERP").entryPrice(ONE, Payoff.LINEAR)).as("a close leaves the average entry").isEqualByComparingTo(
        "101000");
    assertThat(l.cash()).isEqualByComparingTo("-140010");

    // Sell the other 1.5 at 99,000: realized 1.5 × (99,000 − 101,000) = −3,000, in all −1,500; the flat position is
    // gone and cash is what came in less the fee plus the realized P&L: 10,000 − 10 − 1,500 = 8,490.
    l = l.fill("BTC-PERP", d("-1.5"), d("99000"), ONE, Payoff.LINEAR, BigDecimal.ZERO);
    assertThat(l.realizedPnl()).isEqualByComparingTo("-1500");
    assertThat(l.position("BTC-PERP")).isNull();
    assertThat(l.positions()).isEmpty();
    assertThat(l.cash()).isEqualByComparingTo("8490");
    assertThat(l.hasRisk()).isFalse();
  }

  @Test
  void shortsRealizeTheMirrorImage() {
    // Short 2 at 101,000 (cost −202,000), buy 1 back at 100,000: realized 1 × (101,000 − 100,000) = +1,000.
    AccountLedger l = funded("10000").fill("BTC-PERP", d("-2"), d("101000"), ONE, Payoff.LINEAR, BigDecimal.ZERO)
        .fill("BTC-PERP", d("1"), d("100000"), ONE, Payoff.LINEAR, BigDecimal.ZERO);
    assertThat(l.realizedPnl()).isEqualByComparingTo("1000");
    assertThat(l.position("BTC-PERP").quantity()).isEqualByComparingTo("-1");
    assertThat(l.position("BTC-PERP").cost()).isEqualByComparingTo("-101000");
    assertThat(l.position("BTC-PERP").entryPrice(ONE, Payoff.LINEAR)).isEqualByComparingTo("101000");
    assertThat(l.position("BTC-PERP").side()).isEqualTo(-1);
  }

  @Test
  void aFillThroughZeroClosesAtTheAverageAndOpensTheRestAtItsPrice() {
    // Long 1 from 100,000, sell 3 at 101,000: realized 1 × 1,000; short 2 opened at 101,000 (cost −202,000);
    // cash 10,000 − 100,000 + 303,000 = 213,000; equity at 101,000 = 213,000 − 202,000 = 11,000 = 10,000 + 1,000.
    AccountLedger l = funded("10000").fill("BTC-PERP", d("1"), d("100000"), ONE, Payoff.LINEAR, BigDecimal.ZERO)
        .fill("BTC-PERP", d("-3"), d("101000"), ONE, Payoff.LINEAR, BigDecimal.ZERO);
    assertThat(l.realizedPnl()).isEqualByComparingTo("1000");
    assertThat(l.position("BTC-PERP").quantity()).isEqualByComparingTo("-2");
    assertThat(l.position("BTC-PERP").cost()).isEqualByComparingTo("-202000");
    assertThat(l.position("BTC-PERP").entryPrice(ONE, Payoff.LINEAR)).isEqualByComparingTo("101000");
    assertThat(l.cash()).isEqualByComparingTo("213000");
    assertThat(equity(l, ONE, Map.of("BTC-PERP", d("101000")))).isEqualByComparingTo("11000");
  }

  @Test
  void anAverageEntryThatDoesNotTerminateStillConservesCashExactly() {
    // Buy 1 at 100 and 2 at 101: cost 302, entry 302/3 = 100.666…; sell 1 at 102: realized 102 − 302/3 = 4/3.
    AccountLedger l = AccountLedger.open("a", MarginMode.CROSS, "f", Account.QUOTE)
        .fill("X", d("1"), d("100"), ONE, Payoff.LINEAR, BigDecimal.ZERO)
        .fill("X", d("2"), d("101"), ONE, Payoff.LINEAR, BigDecimal.ZERO)
        .fill("X", d("-1"), d("102"), ONE, Payoff.LINEAR, BigDecimal.ZERO);
    BigDecimal third = ONE.divide(d("3"), MathContext.DECIMAL128);
    assertThat(l.realizedPnl()).isCloseTo(d("4").multiply(third), within(TOLERANCE_AVERAGE_COST));
    assertThat(l.position("X").entryPrice(ONE, Payoff.LINEAR)).isCloseTo(d("302").multiply(third), within(TOLERANCE_AVERAGE_COST));
    // Cash never divides: −100 − 202 + 102 = −200 exactly, so equity at 103 is −200 + 2 × 103 = 6 exactly, which is
    // also realized + unrealized: 4/3 + 2 × (103 − 302/3) = 4/3 + 14/3.
    assertThat(l.cash()).isEqualByComparingTo("-200");
    assertThat(equity(l, ONE, Map.of("X", d("103")))).isEqualByComparingTo("6");
  }

  /** The README's conservation invariant over random fills: nothing is created or lost by rounding. */
  @Test
  void equityIsCashPlusMarkedPositionsToTheLastDigitAtAnyMark() {
    Random random = new Random(20251010);
    BigDecimal size = d("0.001");
    String[] ids = {"BTC-PERP", "ETH-PERP", "SOL-PERP"};
    for (int run = 0; run < 50; run++) {
      AccountLedger l = AccountLedger.open("acct-" + run, MarginMode.CROSS, "f", Account.QUOTE);
      BigDecimal deposits = BigDecimal.ZERO;
      BigDecimal fees = BigDecimal.ZERO;
      BigDecimal funding = BigDecimal.ZERO;
      // Σ over fills of (qty, price), per instrument, kept by the test.
      Map<String, java.util.List<BigDecimal[]>> fills = new java.util.HashMap<>();
      for (int i = 0; i < 40; i++) {
        int kind = random.nextInt(10);
        if (kind == 0) {
          BigDecimal amount = BigDecimal.valueOf(random.nextInt(1_000_000_000), 4);
          l = l.deposit(USD, amount, USD);
          deposits = deposits.add(amount);
        } else if (kind == 1) {
          BigDecimal amount = BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, 8);
          l = l.funding(amount);
          funding = funding.add(amount);
        } else {
          String id = ids[random.nextInt(ids.length)];
          BigDecimal qty = BigDecimal.valueOf(random.nextInt(20_001) - 10_000, 3);
          BigDecimal price = BigDecimal.valueOf(1_000_000_000_000L + random.nextInt(1_000_000_000), 8);
          BigDecimal fee = BigDecimal.valueOf(random.nextInt(100_000_000), 8);
          l = l.fill(id, qty, price, size, Payoff.LINEAR, fee);
          fees = fees.add(fee);
          fills.computeIfAbsent(id, k -> new java.util.ArrayList<>()).add(new BigDecimal[] {qty, price});
        }
      }
      for (int m = 0; m < 5; m++) {
        Map<String, BigDecimal> marks = new java.util.HashMap<>();
        for (String id : ids) {
          marks.put(id, BigDecimal.valueOf(900_000_000_000L + random.nextInt(2_000_000_000), 8));
        }
        // What every fill made or lost up to the mark: Σ qty × size × (mark − price).
        BigDecimal expected = deposits.add(funding).subtract(fees);
        for (var entry : fills.entrySet()) {
          for (BigDecimal[] fill : entry.getValue()) {
            expected = expected.add(fill[0].multiply(size).multiply(marks.get(entry.getKey()).subtract(fill[1])));
          }
        }
        assertThat(equity(l, size, marks)).as("run %d mark %d", run, m).isEqualByComparingTo(expected);

        // The same equity by the average-cost method: deposits + funding − fees + realized + Σ qty × size × (mark −
        // entry), exact but for the 24-decimal average entries.
        BigDecimal byAverageCost = deposits.add(funding).subtract(fees).add(l.realizedPnl());
        for (LedgerPosition p : l.positions()) {
          byAverageCost = byAverageCost.add(p.quantity().multiply(size).multiply(marks.get(p.instrumentId())
              .subtract(p.entryPrice(size, Payoff.LINEAR))));
        }
        assertThat(byAverageCost).as("run %d mark %d", run, m).isCloseTo(expected, within(TOLERANCE_AVERAGE_COST));
      }
    }
  }

  @Test
  void depositsOfTheCashAssetAreCashAndOfAnythingElseCollateral() {
    AccountLedger l = funded("100").deposit("ETH", d("2.5"), USD);
    assertThat(l.cash()).isEqualByComparingTo("100");
    assertThat(l.collateral("ETH")).isEqualByComparingTo("2.5");
    l = l.withdraw(USD, d("40"), USD).withdraw("ETH", d("1"), USD);
    assertThat(l.cash()).isEqualByComparingTo("60");
    assertThat(l.collateral("ETH")).isEqualByComparingTo("1.5");
    l = l.withdraw("ETH", d("1.5"), USD);
    assertThat(l.collateral("ETH")).isZero();
    assertThat(l.collateral()).as("nothing left of an asset: no entry").isEmpty();
    assertThat(l.hasRisk()).as("collateral alone is no risk").isFalse();
  }

  @Test
  void borrowingBooksADebtUntilItIsRepaid() {
    AccountLedger l = AccountLedger.open("dan", MarginMode.LENDING, "none", Account.QUOTE).deposit("ETH", d("5"), USD)
        .borrow("USDC", d("9000"));
    assertThat(l.debt("USDC")).isEqualByComparingTo("9000");
    assertThat(l.cash()).as("the loan is the borrower's to take out: no cash is booked").isZero();
    assertThat(l.hasRisk()).isTrue();
    l = l.repay("USDC", d("4000"));
    assertThat(l.debt("USDC")).isEqualByComparingTo("5000");
    l = l.repay("USDC", d("5000"));
    assertThat(l.debt("USDC")).isZero();
    assertThat(l.debt()).isEmpty();
    assertThat(l.hasRisk()).isFalse();
  }

  @Test
  void anAuctionFillRepaysDebtAndTakesCollateral() {
    AccountLedger l = AccountLedger.open("dan", MarginMode.LENDING, "none", Account.QUOTE).deposit("ETH", d("5"), USD)
        .borrow("USDC", d("9000"))
        .auctionFill("USDC", d("4000"), "ETH", d("1.94343628"));
    assertThat(l.debt("USDC")).isEqualByComparingTo("5000");
    assertThat(l.collateral("ETH")).isEqualByComparingTo("3.05656372");
    assertThat(l.cash()).isZero();
  }

  @Test
  void penaltiesLeaveCashForTheFundAndCoveredDeficitsComeIn() {
    AccountLedger l = funded("400").payPenalty(d("85.2822"));
    assertThat(l.cash()).isEqualByComparingTo("314.7178");
    assertThat(l.penalties()).isEqualByComparingTo("85.2822");
    l = l.coverDeficit(d("45.9"));
    assertThat(l.cash()).isEqualByComparingTo("360.6178");
    assertThat(l.deficitsCovered()).isEqualByComparingTo("45.9");
    assertThat(l.penalties()).as("a deficit is not a penalty").isEqualByComparingTo("85.2822");
  }

  @Test
  void positionsAndAssetsStaySortedByIdAndFlatPositionsAreRemoved() {
    AccountLedger l = funded("1000").fill("ETH-PERP", d("1"), d("4000"), ONE, Payoff.LINEAR, BigDecimal.ZERO)
        .fill("BTC-PERP", d("1"), d("100000"), ONE, Payoff.LINEAR, BigDecimal.ZERO)
        .fill("ADA-PERP", d("-10"), d("1"), ONE, Payoff.LINEAR, BigDecimal.ZERO)
        .deposit("USDT", d("1"), USD).deposit("BTC", d("1"), USD).deposit("ETH", d("1"), USD);
    assertThat(l.positions()).extracting(LedgerPosition::instrumentId)
        .containsExactly("ADA-PERP", "BTC-PERP", "ETH-PERP");
    assertThat(l.collateral()).extracting(AssetAmount::asset).containsExactly("BTC", "ETH", "USDT");
    l = l.fill("BTC-PERP", d("-1"), d("100000"), ONE, Payoff.LINEAR, BigDecimal.ZERO);
    assertThat(l.positions()).extracting(LedgerPosition::instrumentId).containsExactly("ADA-PERP", "ETH-PERP");
  }

  @Test
  void equalBooksAreEqualWhateverTheScaleOfTheirDecimals() {
    AccountLedger a = funded("100.50").fill("BTC-PERP", d("1.000"), d("100000.00"), ONE, Payoff.LINEAR, d("0.10"));
    AccountLedger b = funded("100.5").fill("BTC-PERP", d("1"), d("100000"), ONE, Payoff.LINEAR, d("0.1"));
    assertThat(a).isEqualTo(b);
    assertThat(a.hashCode()).isEqualTo(b.hashCode());
    assertThat(a).isNotEqualTo(b.deposit(USD, d("0.00000001"), USD));
    // Also as constructed, before any event strips the zeros.
    BigDecimal zero = BigDecimal.ZERO;
    assertThat(new AccountLedger("x", MarginMode.CROSS, "f", USD, d("1.10"), new LedgerPosition[0],
        new AssetAmount[0], new AssetAmount[0], d("2.50"), zero, zero, zero)).isEqualTo(new AccountLedger("x",
        MarginMode.CROSS, "f", USD, d("1.1"), new LedgerPosition[0], new AssetAmount[0], new AssetAmount[0], d("2.5"),
        zero, zero, zero));
  }

  @Test
  void theRiskViewsWalletIsCashPlusTheCostOfLinearPositions() {
    // 7,400 in; long 1 BTC-PERP at 100,000 (cost 100,000); sell 2 calls of size 0.1 at 1,500 (premium in: 300);
    // 2 ETH of collateral. Wallet = cash (7,400 − 100,000 + 300) + linear cost 100,000 = 7,700: the premium
    // received is in it, the option's cost is not (its value enters equity as a premium, not as P&L).
    AccountLedger l = funded("7400").fill("BTC-PERP", d("1"), d("100000"), ONE, Payoff.LINEAR, BigDecimal.ZERO)
        .fill("BTC-C", d("-2"), d("1500"), d("0.1"), Payoff.PREMIUM, BigDecimal.ZERO)
        .deposit("ETH", d("2"), USD);
    Map<String, Double> sizes = Map.of("BTC-PERP", 1.0, "BTC-C", 0.1);
    Account account = l.toRiskAccount(sizes::get, id -> id.equals("BTC-PERP") ? Payoff.LINEAR : Payoff.PREMIUM);
    assertThat(account.walletBalance()).isCloseTo(7_700, within(TOLERANCE_PRICE));
    assertThat(account.mode()).isEqualTo(MarginMode.CROSS);
    assertThat(account.collateral()).containsExactly(Map.entry("ETH", 2.0));
    assertThat(account.debt()).isEmpty();
    // Entry = |cost / (qty × size)|: 100,000 / 1 and −300 / (−2 × 0.1) = 1,500.
    assertThat(account.positions()).extracting(Position::instrumentId, Position::quantity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("BTC-C", -2.0),
            org.assertj.core.groups.Tuple.tuple("BTC-PERP", 1.0));
    assertThat(account.positions().get(0).entryPrice()).isCloseTo(1_500, within(TOLERANCE_PRICE));
    assertThat(account.positions().get(1).entryPrice()).isCloseTo(100_000, within(TOLERANCE_PRICE));
  }

  @Test
  void anIsolatedLedgerIsValuedAsTheCrossSubAccountItIs() {
    // README "Guarantees": an ISOLATED account is an isolated sub-account whose wallet is that position's margin.
    AccountLedger l = AccountLedger.open("iso", MarginMode.ISOLATED, "f", Account.QUOTE).deposit(USD, d("1500"), USD)
        .fill("BTC-PERP", d("1"), d("100000"), ONE, Payoff.LINEAR, BigDecimal.ZERO);
    Account account = l.toRiskAccount(id -> 1.0, id -> Payoff.LINEAR);
    assertThat(account.mode()).isEqualTo(MarginMode.CROSS);
    assertThat(account.walletBalance()).isCloseTo(1_500, within(TOLERANCE_PRICE));
  }

  @Test
  void entryPriceIsTheCostPerUnitOfUnderlyingInDecimalsAndInDoubles() {
    // A short of 3 contracts of size 0.01 that cost −12,345.678: entry 12,345.678 / 0.03 = 411,522.6.
    LedgerPosition p = new LedgerPosition("X", d("-3"), d("-12345.678"));
    assertThat(p.entryPrice(d("0.01"), Payoff.LINEAR)).isEqualByComparingTo("411522.6");
    assertThat(p.entryPrice(0.01, Payoff.LINEAR)).isCloseTo(411_522.6, within(TOLERANCE_PRICE));
    assertThat(p.side()).isEqualTo(-1);
    assertThat(p.isFlat()).isFalse();
    assertThat(new LedgerPosition("X", BigDecimal.ZERO, BigDecimal.ZERO).isFlat()).isTrue();
    // 3 contracts of size 1 that cost 1: an entry of 1/3, kept to 34 significant digits (IEEE 754 decimal128).
    assertThat(new LedgerPosition("X", d("3"), ONE).entryPrice(ONE, Payoff.LINEAR))
        .isEqualByComparingTo(ONE.divide(d("3"), new MathContext(34, RoundingMode.HALF_EVEN)));
  }

  @Test
  void anInverseFillMovesItsCoinValueAndPaysPnlInTheCoin() {
    // A BTC-margined account with 1 BTC buys 10,000 XBTUSD-style contracts (1 USD each) at 50,000: a long of 10,000
    // contracts is short 10,000 USD, worth −10,000 / price BTC, so cash rises by 10,000 / 50,000 = 0.2 BTC and the
    // cost is −0.2 BTC. At a mark of 40,000 equity = 1.2 − 10,000 / 40,000 = 0.95 BTC: P&L 10,000 × (1/50,000 −
    // 1/40,000) = −0.05 BTC. Selling all at 60,000 realizes 10,000 × (1/50,000 − 1/60,000) = 1/30 BTC.
    AccountLedger l = AccountLedger.open("coin", MarginMode.CROSS, "fund-btc", "BTC").deposit("BTC", ONE, "BTC")
        .fill("XBTUSD", d("10000"), d("50000"), ONE, Payoff.INVERSE, BigDecimal.ZERO);
    assertThat(l.cash()).isEqualByComparingTo("1.2");
    assertThat(l.position("XBTUSD").cost()).isEqualByComparingTo("-0.2");
    assertThat(l.position("XBTUSD").entryPrice(ONE, Payoff.INVERSE)).isEqualByComparingTo("50000");
    Account risk = l.toRiskAccount(id -> 1.0, id -> Payoff.INVERSE);
    assertThat(risk.currency()).isEqualTo("BTC");
    assertThat(risk.walletBalance()).as("cash + cost: the deposit").isCloseTo(1.0, within(1e-15));
    assertThat(l.cash().add(Payoff.INVERSE.value(d("10000"), d("40000"), ONE)))
        .isEqualByComparingTo("0.95");

    AccountLedger closed = l.fill("XBTUSD", d("-10000"), d("60000"), ONE, Payoff.INVERSE, d("0.0001"));
    BigDecimal thirtieth = ONE.divide(d("30"), Payoff.INVERSE_SCALE, RoundingMode.HALF_EVEN);
    assertThat(closed.realizedPnl()).isEqualByComparingTo(thirtieth);
    assertThat(closed.positions()).isEmpty();
    assertThat(closed.cash()).as("1 BTC + 1/30 − the 0.0001 fee").isEqualByComparingTo(
        ONE.add(thirtieth).subtract(d("0.0001")));
  }

  @Test
  void anInverseEntryIsTheHarmonicMeanOfItsFills() {
    // 100 contracts at 40,000 and 100 at 60,000: 200 / (100/40,000 + 100/60,000) = 48,000 (not the 50,000 average).
    LedgerPosition p = AccountLedger.open("coin", MarginMode.CROSS, "f", "BTC")
        .fill("BTCUSD", d("100"), d("40000"), d("100"), Payoff.INVERSE, BigDecimal.ZERO)
        .fill("BTCUSD", d("100"), d("60000"), d("100"), Payoff.INVERSE, BigDecimal.ZERO).position("BTCUSD");
    assertThat(p.entryPrice(d("100"), Payoff.INVERSE)).isCloseTo(d("48000"), within(d("1e-15")));
    assertThat(p.entryPrice(100, Payoff.INVERSE)).isCloseTo(48_000, within(1e-9));
  }
}
