package dev.solvent.job.account;

import static dev.solvent.job.Records.arrays;
import static dev.solvent.job.Records.d;
import static dev.solvent.job.Records.event;
import static dev.solvent.job.Records.perpetual;
import static dev.solvent.job.Records.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.avro.account.AccountOpened;
import dev.solvent.avro.account.AuctionFill;
import dev.solvent.avro.account.Borrow;
import dev.solvent.avro.account.Repay;
import dev.solvent.avro.account.Withdrawal;
import dev.solvent.avro.account.Deposit;
import dev.solvent.avro.account.LiquidationFill;
import dev.solvent.avro.account.MarginMode;
import dev.solvent.avro.account.Trade;
import dev.solvent.avro.instruments.Instrument;
import dev.solvent.avro.instruments.InstrumentKind;
import dev.solvent.avro.liquidation.LiquidationOrder;
import dev.solvent.avro.margin.MarginUpdate;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.job.model.AccountInput;
import dev.solvent.job.model.RiskArraySet;
import dev.solvent.job.model.Settlement;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The account stage through Flink's keyed two-input harness: events in, exact records out, state and timers left. */
class AccountOperatorTest {

  private static final Instrument BTC = perpetual("BTC-PERP", "BTC", "0.005", "0.002");
  private KeyedTwoInputStreamOperatorTestHarness<String, AccountInput, RiskArraySet, MarginUpdate> h;

  @BeforeEach
  void setUp() throws Exception {
    AccountOperator operator = new AccountOperator(SolventConfig.defaults().with("risk.dynamic-margin", "false"));
    h = new KeyedTwoInputStreamOperatorTestHarness<>(operator, AccountInput::accountId, set -> "",
        Types.STRING);
    h.open();
  }

  private void event(long at, long sequence, Object payload) throws Exception {
    h.processElement1(dev.solvent.job.Records.event(at, sequence, payload), at);
  }

  private void broadcast(RiskArraySet set) throws Exception {
    h.processElement2(set, set.time());
  }

  private void watermark(long at) throws Exception {
    h.processBothWatermarks(new Watermark(at));
  }

  private void openLong(String account, String cash) throws Exception {
    event(1_000, 1, new AccountOpened(account, MarginMode.CROSS, "usd", null));
    event(1_000, 2, new Deposit(account, "USD", d(cash)));
    event(1_000, 3, new Trade(account, "BTC-PERP", "t", d("1"), d("100000"), d("0")));
  }

  @Test
  void appliesEventsInSequenceOrderAndRevaluesOncePerTimestamp() throws Exception {
    broadcast(arrays(1_000, 100_000, BTC));
    // Arriving out of order: the trade before the deposit, the open last.
    event(1_000, 3, new Trade("alice", "BTC-PERP", "t", d("1"), d("100000"), d("0")));
    event(1_000, 2, new Deposit("alice", "USD", d("10000")));
    event(1_000, 1, new AccountOpened("alice", MarginMode.CROSS, "usd", null));
    watermark(1_000);

    List<MarginUpdate> updates = values(h.getOutput());
    assertThat(updates).hasSize(1);
    assertThat(updates.get(0).getEquity()).isEqualTo(d("10000"));
    assertThat(updates.get(0).getMaintenanceMargin()).isEqualTo(d("500"));
    assertThat(updates.get(0).getMarginRatio()).isEqualTo(20.0);
    assertThat(h.getSideOutput(AccountOperator.REJECTED)).isNull();
    assertRemains(2, 0, "alice's book and bands; the buffer drained, no timer");
  }

  /**
   * What the stage keeps at a checkpoint at a test's end: keyed state entries (per state and key; bands are written
   * before the barrier) and event-time timers.
   */
  private void assertRemains(int stateEntries, int timers, String what) throws Exception {
    h.prepareSnapshotPreBarrier(1);
    assertThat(h.numKeyedStateEntries()).as("keyed state: " + what).isEqualTo(stateEntries);
    assertThat(h.numEventTimeTimers()).as("timers: " + what).isEqualTo(timers);
  }

  @Test
  void liquidatesOnceEscalatesOnTheDeadlineAndSettlesTheFill() throws Exception {
    broadcast(arrays(1_000, 100_000, BTC));
    openLong("bob", "7400");
    watermark(1_000);
    // 93,000: equity 400, MM 465 → partial liquidation of 0.459 (see the perpetuals end-to-end test).
    broadcast(arrays(11_000, 93_000, BTC));
    // a second price before the fill: one liquidation at a time
    broadcast(arrays(12_000, 93_000, BTC));
    watermark(12_000);
    List<LiquidationOrder> orders = values(h.getSideOutput(AccountOperator.ORDERS));
    assertThat(orders).singleElement().satisfies(o -> {
      assertThat(o.getOrderId()).isEqualTo("bob/1/1/BTC-PERP");
      assertThat(o.getQuantity()).isEqualByComparingTo("0.459");
      assertThat(o.getKind().name()).isEqualTo("PARTIAL");
    });
    assertThat(h.numEventTimeTimers()).as("the escalation deadline at 41 s").isEqualTo(1);

    watermark(41_000);
    List<LiquidationOrder> escalated = values(h.getSideOutput(AccountOperator.ORDERS));
    assertThat(escalated).extracting(o -> o.getOrderId() + " " + o.getKind()).containsExactly(
        "bob/1/1/BTC-PERP PARTIAL", "bob/1/2/BTC-PERP REPLAN");

    event(42_000, 4, new LiquidationFill("bob", "BTC-PERP", "bob/1/2/BTC-PERP", d("-0.459"), d("92900"), d("0")));
    watermark(42_000);
    List<Settlement> settlements = values(h.getSideOutput(AccountOperator.SETTLEMENTS));
    assertThat(settlements).singleElement().satisfies(s -> {
      assertThat(s.reference()).isEqualTo("bob/1/2/BTC-PERP");
      assertThat(s.penalty()).isEqualTo(d("85.2822"));
      assertThat(s.deficit()).isZero();
    });
    assertRemains(2, 0, "bob's book and bands; the filled re-plan's deadline at 71 s deleted");
  }

  @Test
  void pricesFarAheadOfTheAccountEventsDoNotPruneTheArraysTheEventsNeed() throws Exception {
    // a replay: the price topics are read hours ahead of the account events
    broadcast(arrays(1_000, 100_000, BTC));
    for (long t = 1_000_000; t <= 4_000_000; t += 1_000_000) {
      broadcast(arrays(t, 90_000, BTC));
    }
    openLong("fay", "7400");
    watermark(1_000);
    assertThat(h.getSideOutput(AccountOperator.REJECTED)).as("the trade at 1 s finds the arrays of 1 s")
        .isNullOrEmpty();
    assertThat(values(h.getOutput())).extracting(u -> ((MarginUpdate) u).getEquity()).as("valued at 100,000")
        .containsExactly(d("7400"));
    assertRemains(2, 4, "fay's book and bands; the price checks of the sets far ahead");
  }

  @Test
  void anAccountThatClosesItsLastPositionGetsAFinalUpdateWithItsCash() throws Exception {
    broadcast(arrays(1_000, 100_000, BTC));
    openLong("erin", "7400");
    watermark(1_000);
    event(2_000, 4, new Trade("erin", "BTC-PERP", "close", d("-1"), d("101000"), d("10")));
    watermark(2_000);
    List<MarginUpdate> updates = values(h.getOutput());
    assertThat(updates).last().satisfies(u -> {
      assertThat(u.getEventTime().toEpochMilli()).isEqualTo(2_000);
      assertThat(u.getEquity()).as("7,400 + 1 × (101,000 − 100,000) − 10").isEqualByComparingTo("8390");
      assertThat(u.getMarginRatio()).as("no margin, no ratio").isNull();
    });
    int before = updates.size();
    broadcast(arrays(3_000, 90_000, BTC));
    watermark(3_000);
    assertThat(values(h.getOutput())).as("a flat account is not revalued again").hasSize(before);
    assertRemains(1, 0, "erin's book (its cash)");
  }

  @Test
  void eventsOfAnAccountNeverOpenedOrOnAnUnpricedInstrumentAreDeadLetters() throws Exception {
    broadcast(arrays(1_000, 100_000, BTC));
    event(1_000, 1, new Deposit("ghost", "USD", d("5")));
    event(1_000, 2, new AccountOpened("carol", MarginMode.CROSS, "usd", null));
    event(1_000, 3, new Trade("carol", "DOGE-PERP", "t", d("1"), d("1"), d("0")));
    watermark(1_000);
    assertThat(values(h.getSideOutput(AccountOperator.REJECTED))).extracting(
        r -> ((dev.solvent.job.model.Rejected) r).deadLetter().getReason().name())
        .containsExactlyInAnyOrder("UNKNOWN_ACCOUNT", "UNKNOWN_INSTRUMENT");
    assertThat(values(h.getOutput())).isEmpty();
    assertRemains(1, 0, "carol's opened book; nothing for the account never opened");
  }

  private static Instrument lendingAsset(String id, InstrumentKind kind) {
    return Instrument.newBuilder().setInstrumentId(id).setUnderlying(id).setKind(kind).setContractSize(d("1"))
        .setLotSize(d("0.00000001")).setExpiry(null).setStrike(null).setOptionType(null).setMarginTiers(List.of())
        .setLiquidationPenaltyRate(null).setCollateralHaircut(kind == InstrumentKind.LOAN ? null : d("0"))
        .setLiquidationThreshold(kind == InstrumentKind.LOAN ? null : d("0.8"))
        .setLiquidationBonus(kind == InstrumentKind.LOAN ? null : d("0.05"))
        .setProtocolFeeRate(kind == InstrumentKind.LOAN ? null : d("0.1")).setInsuranceFundId("none").build();
  }

  @Test
  void repayingOrSeizingMoreThanTheAccountHasIsADeadLetterNotAFailure() throws Exception {
    broadcast(arrays(1_000, 2_000, lendingAsset("ETH", InstrumentKind.SPOT_COLLATERAL)));
    broadcast(arrays(1_000, 1, lendingAsset("USDC", InstrumentKind.LOAN)));
    event(1_000, 1, new AccountOpened("dan", MarginMode.LENDING, "none", null));
    event(1_000, 2, new Deposit("dan", "ETH", d("1")));
    event(1_000, 3, new Borrow("dan", "USDC", d("1000")));
    // the auction's rounding up of the last unit of a full repayment closes the debt
    event(2_000, 4, new AuctionFill("dan", "a-1", "bot", "USDC", d("1000.00000001"), "ETH", d("0.5"), d("0")));
    event(3_000, 5, new Repay("dan", "USDC", d("1")));
    event(3_000, 6, new AuctionFill("dan", "a-2", "bot", "USDC", d("0"), "ETH", d("0.6"), d("0")));
    event(3_000, 7, new Withdrawal("dan", "ETH", d("0.6")));
    watermark(3_000);
    List<dev.solvent.avro.deadletter.DeadLetter> rejected = values(h.getSideOutput(AccountOperator.REJECTED)).stream()
        .map(r -> ((dev.solvent.job.model.Rejected) r).deadLetter()).toList();
    assertThat(rejected).extracting(r -> r.getReason().name())
        .containsExactly("INVALID_QUANTITY", "INVALID_QUANTITY", "INVALID_QUANTITY");
    assertThat(rejected.get(0).getDetail()).isEqualTo("the event repays 1.00000000 USDC but the account owes 0");
    assertThat(rejected.get(1).getDetail()).isEqualTo("the event seizes 0.60000000 ETH but the account holds 0.5");
    assertThat(rejected.get(2).getDetail()).isEqualTo("the event withdraws 0.60000000 ETH but the account holds 0.5");
    assertRemains(1, 0, "dan's book");
  }
}
