package dev.solvent.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.avro.account.AccountEvent;
import dev.solvent.avro.account.AccountOpened;
import dev.solvent.avro.account.Deposit;
import dev.solvent.avro.account.LiquidationFill;
import dev.solvent.avro.account.MarginMode;
import dev.solvent.avro.account.Trade;
import dev.solvent.avro.instruments.Instrument;
import dev.solvent.avro.instruments.InstrumentKind;
import dev.solvent.avro.instruments.InstrumentUpdate;
import dev.solvent.avro.instruments.MarginTier;
import dev.solvent.avro.insurance.LedgerEntry;
import dev.solvent.avro.insurance.LedgerEntryKind;
import dev.solvent.avro.liquidation.LiquidationKind;
import dev.solvent.avro.liquidation.LiquidationOrder;
import dev.solvent.avro.liquidation.Side;
import dev.solvent.avro.margin.MarginStatus;
import dev.solvent.avro.margin.MarginUpdate;
import dev.solvent.harness.loop.LoopRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A small run whose books hold, by hand: alice buys 1 BTC-PERP at 100 from bob; at 10 her ratio is 0.8 and the job
 * sells it (bankruptcy 95); the venue fills at 94, 1 below bankruptcy, and the fund (seeded 100) pays the deficit of
 * 1. Alice is left flat with 1,000 − 100 + 94 + 1 = 995. Then each test plants one violation and expects it named.
 */
class InvariantCheckerTest {

  private static BigDecimal d(String value) {
    return new BigDecimal(value).setScale(8);
  }

  private static LoopRecord event(long at, long sequence, Object payload) {
    return new LoopRecord("account.events", at, new AccountEvent(Instant.ofEpochMilli(at), sequence, payload));
  }

  private static LoopRecord update(long at, long sequence, String account, String equity, Double ratio) {
    return new LoopRecord("margin.updates", at, MarginUpdate.newBuilder().setAccountId(account)
        .setEventTime(Instant.ofEpochMilli(at)).setSequence(sequence).setMarginMode(
            dev.solvent.avro.margin.MarginMode.CROSS).setEquity(d(equity)).setInitialMargin(d("0"))
        .setMaintenanceMargin(d("0")).setMarginRatio(ratio).setStatus(MarginStatus.HEALTHY).setExposures(List.of())
        .setOracleLagMillis(0).setProbabilityOfDefault(null).build());
  }

  private static LoopRecord ledger(long at, long sequence, LedgerEntryKind kind, String amount, String balance,
      String account, String reference) {
    return new LoopRecord("insurance.ledger", at, LedgerEntry.newBuilder().setFundId("main").setSequence(sequence)
        .setEventTime(Instant.ofEpochMilli(at)).setKind(kind).setAmount(d(amount)).setBalanceAfter(d(balance))
        .setShortfall(null).setAccountId(account).setInstrumentId(account == null ? null : "BTC-PERP")
        .setReference(reference).build());
  }

  private static final String ORDER = "alice/1/1/BTC-PERP";

  /** The run's steps: inputs and outputs up to 10, then the fill at 11 and what the job made of it. */
  private static final class Run {
    List<LoopRecord> setupInputs = new ArrayList<>(List.of(
        new LoopRecord("instruments", 0, new InstrumentUpdate(Instant.ofEpochMilli(0), Instrument.newBuilder()
            .setInstrumentId("BTC-PERP").setUnderlying("BTC").setKind(InstrumentKind.PERPETUAL)
            .setContractSize(d("1")).setLotSize(d("0.001")).setExpiry(null).setStrike(null).setOptionType(null)
            .setMarginTiers(List.of(new MarginTier(d("0"), null, 50, d("0.01"), d("0"))))
            .setLiquidationPenaltyRate(d("0.01")).setCollateralHaircut(null).setLiquidationThreshold(null)
            .setLiquidationBonus(null).setProtocolFeeRate(null).setInsuranceFundId("main").build())),
        event(1, 1, new Deposit("fund:main", "USD", d("100"))),
        event(1, 1, new AccountOpened("alice", MarginMode.CROSS, "main", null)),
        event(1, 2, new Deposit("alice", "USD", d("1000"))),
        event(1, 1, new AccountOpened("bob", MarginMode.CROSS, "main", null)),
        event(1, 2, new Deposit("bob", "USD", d("1000"))),
        event(2, 3, new Trade("alice", "BTC-PERP", "t1", d("1"), d("100"), d("0"))),
        event(2, 3, new Trade("bob", "BTC-PERP", "t1", d("-1"), d("100"), d("0")))));
    LoopRecord ratioBefore = update(10, 1, "alice", "40", 0.8);
    LoopRecord order = new LoopRecord("liquidation.orders", 10, LiquidationOrder.newBuilder().setOrderId(ORDER)
        .setAccountId("alice").setInstrumentId("BTC-PERP").setEventTime(Instant.ofEpochMilli(10))
        .setSide(Side.SELL).setQuantity(d("1")).setLimitPrice(d("95")).setBankruptcyPrice(d("95"))
        .setMarkPrice(d("96")).setPenalty(d("0.96")).setKind(LiquidationKind.PARTIAL).setMarginRatio(0.8)
        .setTargetMarginRatio(1.25).setAttempt(1).build());
    LoopRecord seed = ledger(1, 1, LedgerEntryKind.SEED, "100", "100", null, "deposit/fund:main/1");
    LoopRecord fill = event(11, 4, new LiquidationFill("alice", "BTC-PERP", ORDER, d("-1"), d("94"), d("0")));
    LoopRecord deficit = ledger(11, 2, LedgerEntryKind.DEFICIT_PAYOUT, "-1", "99", "alice", ORDER);
    LoopRecord finalUpdate = update(11, 2, "alice", "995", null);

    List<String> check() {
      InvariantChecker checker = new InvariantChecker();
      checker.step(9, setupInputs, List.of(seed));
      checker.step(10, List.of(), List.of(ratioBefore, order));
      checker.step(11, List.of(fill), deficit == null ? List.of(finalUpdate) : List.of(deficit, finalUpdate));
      checker.finish(List.of());
      checkedAccounts = checker.checkedAccounts();
      return checker.violations();
    }

    long checkedAccounts;
  }

  @Test
  void theBooksOfTheCleanRunHold() {
    Run run = new Run();
    assertThat(run.check()).isEmpty();
    assertThat(run.checkedAccounts).as("alice, flat, re-derived").isEqualTo(1);
  }

  @Test
  void aGapInTheLedgerSequenceIsNamed() {
    Run run = new Run();
    run.deficit = ledger(11, 3, LedgerEntryKind.DEFICIT_PAYOUT, "-1", "99", "alice", ORDER);
    assertThat(run.check()).anySatisfy(v -> assertThat(v).startsWith("fund main, entry 3 (DEFICIT_PAYOUT, " + ORDER
        + "): sequence follows 1"));
  }

  @Test
  void aBalanceThatIsNotThePreviousPlusTheAmountIsNamed() {
    Run run = new Run();
    run.deficit = ledger(11, 2, LedgerEntryKind.DEFICIT_PAYOUT, "-1", "98", "alice", ORDER);
    assertThat(run.check()).anySatisfy(v -> assertThat(v).contains("fund main, entry 2").contains(
        "balance after 98.00000000 but the previous balance 100.00000000 plus the amount is 99.00000000"));
  }

  @Test
  void aFillBelowBankruptcyWithoutItsDeficitEntryIsNamed() {
    Run run = new Run();
    run.deficit = null;
    assertThat(run.check()).anySatisfy(v -> assertThat(v).isEqualTo("account alice, order " + ORDER
        + ": fills below bankruptcy leave a deficit of 1.00000000 but the fund booked 0"));
  }

  @Test
  void aLiquidationWhileTheRatioWasAboveOneIsNamed() {
    Run run = new Run();
    run.ratioBefore = update(10, 1, "alice", "40", 1.1);
    assertThat(run.check()).anySatisfy(v -> assertThat(v).isEqualTo("account alice, order " + ORDER + " at "
        + Instant.ofEpochMilli(10) + ": the account's latest margin update before it has ratio 1.1 (not below 1)"));
  }

  @Test
  void anEquityItsEventsDoNotGiveIsNamed() {
    Run run = new Run();
    run.finalUpdate = update(11, 2, "alice", "996", null);
    assertThat(run.check()).singleElement().satisfies(v -> assertThat(v).startsWith(
        "account alice, margin update 2 at " + Instant.ofEpochMilli(11) + ": equity 996.00000000 but its events "
            + "leave it 995"));
  }

  @Test
  void moneyFromNowhereBreaksConservation() {
    Run run = new Run();
    // the fund books 50 of income nobody paid
    run.deficit = ledger(11, 2, LedgerEntryKind.TAKEOVER_GAIN, "50", "150", null, "takeover/x");
    assertThat(run.check()).anySatisfy(v -> assertThat(v).startsWith("conservation: "));
  }
}
