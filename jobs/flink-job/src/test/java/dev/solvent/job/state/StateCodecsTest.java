package dev.solvent.job.state;

import static dev.solvent.job.Records.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.avro.account.Trade;
import dev.solvent.avro.bids.AuctionBid;
import dev.solvent.avro.bids.Bid;
import dev.solvent.avro.offers.OfferedPosition;
import dev.solvent.avro.offers.PortfolioOffer;
import dev.solvent.avro.oracle.OraclePrice;
import dev.solvent.avro.oracle.PublishReason;
import dev.solvent.avro.riskbids.BidPosition;
import dev.solvent.avro.riskbids.PortfolioBid;
import dev.solvent.avro.riskbids.RiskBid;
import dev.solvent.avro.vols.VolQuote;
import dev.solvent.job.Records;
import dev.solvent.job.ingest.SourceRef;
import dev.solvent.job.model.AccountInput;
import dev.solvent.job.model.AdlRequest;
import dev.solvent.job.model.AdlStageInput;
import dev.solvent.job.model.AuctionStageInput;
import dev.solvent.job.model.BidInput;
import dev.solvent.job.model.OracleUpdate;
import dev.solvent.job.model.RiskArraySet;
import dev.solvent.job.model.RiskArrayStageInput;
import dev.solvent.job.model.RiskAuctionInput;
import dev.solvent.job.riskarrays.UnderlyingMemory;
import dev.solvent.risk.trigger.PriceBand;
import dev.solvent.risk.trigger.SafeBands;
import dev.solvent.risk.trigger.VolBand;
import dev.solvent.risk.account.MarginMode;
import dev.solvent.risk.account.MarginStatus;
import dev.solvent.risk.adl.AdlPosition;
import dev.solvent.risk.auction.AuctionState;
import dev.solvent.risk.auction.DutchAuction;
import dev.solvent.risk.book.AccountMemory;
import dev.solvent.risk.book.AccountState;
import dev.solvent.risk.book.PendingLiquidation;
import dev.solvent.risk.book.PendingOrder;
import dev.solvent.risk.ledger.AccountLedger;
import dev.solvent.risk.ledger.Payoff;
import dev.solvent.risk.lending.LendingStatus;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import org.junit.jupiter.api.Test;

/**
 * Every state codec reads back what it wrote, every variant of every union included; savepoints name codecs and
 * versions, and a restore resolves them: the same version as is, an older one it reads after migration, a foreign or
 * unknown one never.
 */
class StateCodecsTest {

  private static final LendingStatus HEALTH = new LendingStatus("loan-1", 5_000, 0.93, "ETH", 5, 2_000, "USDC", 9_000,
      1, 10_000, 0.05, 0.1);

  /** A value of each codec, each union's variants separately. */
  private static Map<String, List<Object>> samples() {
    AccountLedger ledger = AccountLedger.open("bob", MarginMode.CROSS, "usd", "USD").deposit("USD", d("7400"), "USD")
        .deposit("ETH", new BigDecimal("1.25"), "USD").borrow("USDC", new BigDecimal("300.5"))
        .fill("BTC-PERP", new BigDecimal("1.5"), new BigDecimal("100000.12345678"), BigDecimal.ONE,
            Payoff.LINEAR, d("3"));
    PendingLiquidation pending = new PendingLiquidation(2, 3, 41_000, new PendingOrder[] {
        new PendingOrder("bob/2/3/BTC-PERP", "BTC-PERP", -1, new BigDecimal("0.459"), new BigDecimal("92606.1"),
            new BigDecimal("0.002"))});
    RiskArraySet arrays = Records.arrays(1_000, 100_000, Records.perpetual("BTC-PERP", "BTC", "0.005", "0.002"));
    OracleUpdate oracle = new OracleUpdate(OraclePrice.newBuilder().setUnderlying("BTC").setIndexPrice(d("100000"))
        .setMarkPrice(d("100000")).setSourceTime(Instant.ofEpochMilli(900)).setPublishTime(Instant.ofEpochMilli(1_000))
        .setLiveSources(2).setSources(List.of()).setStale(false).setReason(PublishReason.FIRST).build(), 1e6, Double.NaN);
    BidInput bid = new BidInput(new AuctionBid(Instant.ofEpochMilli(6_000), new Bid("loan-1", "loan-1/1", "bot",
        d("2050"), d("4000"), 7L)), new SourceRef("auction.bids", 1, 42));
    Map<String, List<Object>> samples = new LinkedHashMap<>();
    AccountInput portfolioBid = AccountInput.bid(new RiskBid(Instant.ofEpochMilli(4_000), new PortfolioBid("bob/1",
        "pam", d("150"), d("400"), List.of(new BidPosition("BTC-PERP", d("1"), d("93000"))), 2L)),
        new SourceRef("risk.bids", 0, 9));
    samples.put("account-input", List.of(Records.event(1_000, 3, new Trade("bob", "BTC-PERP", "t", d("1"),
        d("100000"), d("0"))), portfolioBid));
    samples.put("risk-auction-input", List.of(new RiskAuctionInput.Offer(PortfolioOffer.newBuilder()
        .setOfferId("bob/1").setAccountId("bob").setEventTime(Instant.ofEpochMilli(1_000))
        .setClosesAt(Instant.ofEpochMilli(11_000)).setCurrency("USD").setEquity(d("400")).setInitialMargin(d("930"))
        .setMaintenanceMargin(d("465")).setWorstScenarioLoss(d("5580")).setPositions(List.of(new OfferedPosition(
            "bob/1/0/BTC-PERP", "BTC-PERP", d("1"), d("93000"), d("1"), d("92600")))).build()),
        new RiskAuctionInput.Assessed(4_000, portfolioBid, true, null),
        new RiskAuctionInput.Assessed(4_000, portfolioBid, false, "below its initial margin")));
    samples.put("safe-bands", List.of(new SafeBands(11_000, 3_611_000, List.of(new PriceBand("BTC", 95_000.5,
        104_999.25), PriceBand.none("ETH"), PriceBand.all("USDC")), List.of()), new SafeBands(Long.MIN_VALUE,
        Long.MAX_VALUE, List.of(), List.of("BTC-PERP", "USDC")), new SafeBands(11_000, 311_000,
        List.of(new PriceBand("BTC", 99_000, 101_000)), List.of(), List.of(new VolBand("BTC-P-90K", 0.57, 0.63)))));
    samples.put("account-state", List.of(new AccountState(ledger, new AccountMemory(1.37, MarginStatus.MARGIN_CALL,
        11_000, 4, 2, false), pending), new AccountState(ledger, AccountMemory.NONE, null)));
    samples.put("risk-array-set", List.of(arrays));
    samples.put("risk-array-set-versions", List.of((Object) new RiskArraySet[] {arrays, arrays}));
    samples.put("auction-state", List.of(new AuctionState(3, new DutchAuction("loan-1/3", "loan-1", 5_000, 2_100,
        "ETH", "USDC", 4_500, 5, 1), 2, 15_000, HEALTH, false, 0, 0), new AuctionState(3, null, 0, 0, null, true,
        9_000, 9_000)));
    samples.put("auction-stage-input", List.of(new AuctionStageInput.Health(HEALTH), bid));
    samples.put("adl-stage-input", List.of(new AdlStageInput.Position(new AdlPosition("BTC-PERP", "ann", 1_000, -1,
        110_000, 100_000, Double.NaN)), new AdlRequest("BTC-PERP", 2_000, "usd", "bob", 1, 0.8, 101_000, 0.001,
        d("800"), "bob/1/1/BTC-PERP")));
    samples.put("adl-position", List.of(new AdlPosition("BTC-PERP", "ann", 1_000, -1, 110_000, 100_000, 300_000)));
    samples.put("risk-array-stage-input", List.of(new RiskArrayStageInput.Spec("BTC", 1_000, arrays.specs()[0]),
        new RiskArrayStageInput.Vol("BTC", 1_000, new VolQuote("BTC", null, "deribit", 0.8)),
        new RiskArrayStageInput.Oracle("BTC", 1_000, oracle)));
    samples.put("underlying-memory", List.of(new UnderlyingMemory(100_000, 1_000, Double.NaN)));
    samples.put("liquidation-order", List.of(dev.solvent.avro.liquidation.LiquidationOrder.newBuilder()
        .setOrderId("bob/1/1/BTC-PERP").setAccountId("bob").setInstrumentId("BTC-PERP")
        .setEventTime(Instant.ofEpochMilli(11_000)).setSide(dev.solvent.avro.liquidation.Side.SELL)
        .setQuantity(d("0.45900000")).setLimitPrice(d("92600.00000000")).setBankruptcyPrice(d("92600.00000000"))
        .setMarkPrice(d("93000.00000000")).setPenalty(d("85.37400000"))
        .setKind(dev.solvent.avro.liquidation.LiquidationKind.PARTIAL).setMarginRatio(0.86).setTargetMarginRatio(1.25)
        .setAttempt(1).setCurrency("USD").build()));
    return samples;
  }

  @Test
  void everyCodecIsSampledAndReadsBackWhatItWrote() throws Exception {
    Map<String, List<Object>> samples = samples();
    assertThat(samples.keySet()).containsExactlyInAnyOrderElementsOf(
        StateCodecs.all().stream().map(StateCodec::name).toList());
    for (StateCodec<?> codec : StateCodecs.all()) {
      for (Object value : samples.get(codec.name())) {
        roundTrip(codec, value);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> void roundTrip(StateCodec<T> codec, Object sample) throws IOException {
    T value = (T) sample;
    TypeSerializer<T> serializer = StateCodecs.type(codec).createSerializer(null);
    byte[] written = write(serializer, value);
    T back = serializer.deserialize(new DataInputDeserializer(written));
    assertThat(back.getClass()).as(codec.name()).isEqualTo(value.getClass());
    // Avro specs inside cannot be compared with equals (their decimals): the bytes written again must be the same.
    assertThat(write(serializer, back)).as(codec.name() + " rewritten").isEqualTo(written);
    if (!(value instanceof RiskArraySet) && !(value instanceof RiskArraySet[])
        && !(value instanceof RiskArrayStageInput.Spec) && !(value instanceof AdlPosition p && Double.isNaN(
        p.bankruptcyPrice()))) {
      assertThat(back).as(codec.name()).isEqualTo(value);
    }
  }

  @Test
  void decimalsKeepTheirScaleAndTheLedgerStaysExact() throws Exception {
    AccountState state = (AccountState) samples().get("account-state").get(0);
    TypeSerializer<AccountState> serializer = StateCodecs.type(AccountStateCodec.INSTANCE).createSerializer(null);
    AccountState back = serializer.deserialize(new DataInputDeserializer(write(serializer, state)));
    assertThat(back.ledger().cash()).isEqualTo(state.ledger().cash()).hasScaleOf(state.ledger().cash().scale());
    assertThat(back.ledger().position("BTC-PERP").cost().toPlainString())
        .isEqualTo(state.ledger().position("BTC-PERP").cost().toPlainString());
    assertThat(back.pending().orders()[0].remaining().toPlainString()).isEqualTo("0.459");
  }

  @Test
  void bandsOfVersionOneThatAssumedVolatilityBucketsReadAsNoBand() throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    out.writeLong(11_000);
    out.writeLong(311_000);
    out.writeInt(1);
    StringValue.writeString("BTC", out);
    out.writeDouble(99_000);
    out.writeDouble(101_000);
    out.writeInt(0);
    out.writeBoolean(true);
    SafeBands back = SafeBandsCodec.INSTANCE.read(1, new DataInputDeserializer(out.getCopyOfBuffer()));
    assertThat(back.bands()).containsExactly(PriceBand.none("BTC"));
    assertThat(back.vols()).isEmpty();
    assertThat(back.validUntil()).isEqualTo(311_000);
  }

  @Test
  void aCorruptLengthFailsInsteadOfAllocatingIt() {
    DataOutputSerializer out = new DataOutputSerializer(16);
    assertThatThrownBy(() -> {
      out.writeInt(Integer.MAX_VALUE);
      RiskArraySetCodec.Versions.INSTANCE.read(1, new DataInputDeserializer(out.getCopyOfBuffer()));
    }).isInstanceOf(IOException.class).hasMessageContaining("a length of 2147483647 in state");
  }

  @Test
  void aSnapshotNamesTheCodecAndItsVersionAndRestoresTheSameSerializer() throws Exception {
    TypeSerializer<AccountState> serializer = StateCodecs.type(AccountStateCodec.INSTANCE).createSerializer(null);
    TypeSerializerSnapshot<AccountState> restored = readBack(serializer.snapshotConfiguration());
    assertThat(restored).isInstanceOf(CodecSerializerSnapshot.class);
    assertThat(restored.restoreSerializer()).isEqualTo(serializer);
    assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(restored).isCompatibleAsIs()).isTrue();
  }

  @Test
  void anOlderVersionIsMigratedAForeignCodecOrAnUnknownVersionIsNot() {
    StateCodecs.register(new Evolving(2));
    CodecSerializerSnapshot<String> current = new CodecSerializerSnapshot<>("test-evolving", 2);
    TypeSerializerSchemaCompatibility<String> fromOlder =
        current.resolveSchemaCompatibility(new CodecSerializerSnapshot<>("test-evolving", 1));
    assertThat(fromOlder.isCompatibleAfterMigration()).isTrue();
    assertThat(current.resolveSchemaCompatibility(new CodecSerializerSnapshot<>("test-evolving", 3))
        .isIncompatible()).as("a newer version than this build writes").isTrue();
    assertThat(current.resolveSchemaCompatibility(new CodecSerializerSnapshot<>("account-state", 2)).isIncompatible())
        .as("another codec's state").isTrue();
    assertThatThrownBy(() -> new CodecSerializerSnapshot<>("no-such-codec", 1).restoreSerializer())
        .hasMessageContaining("codec named 'no-such-codec'");
  }

  @Test
  void anOlderVersionsValuesAreReadByItsRestoreSerializer() throws Exception {
    Evolving v2 = new Evolving(2);
    StateCodecs.register(v2);
    DataOutputSerializer v1Bytes = new DataOutputSerializer(16);
    new Evolving(1).write("price", v1Bytes);
    TypeSerializer<String> restore = new CodecSerializerSnapshot<String>("test-evolving", 1).restoreSerializer();
    assertThat(restore.deserialize(new DataInputDeserializer(v1Bytes.getCopyOfBuffer()))).isEqualTo("price@v1");
  }

  /** A codec that grew a version: v1 wrote the string, v2 also writes where it came from. */
  private record Evolving(int version) implements StateCodec<String> {
    @Override
    public String name() {
      return "test-evolving";
    }

    @Override
    public Class<String> type() {
      return String.class;
    }

    @Override
    public void write(String value, DataOutputView out) throws IOException {
      out.writeUTF(value);
      if (version >= 2) {
        out.writeUTF("v2");
      }
    }

    @Override
    public String read(int version, DataInputView in) throws IOException {
      String value = in.readUTF();
      return version >= 2 ? value + "@" + in.readUTF() : value + "@v1";
    }
  }

  private static <T> byte[] write(TypeSerializer<T> serializer, T value) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    serializer.serialize(value, out);
    return out.getCopyOfBuffer();
  }

  private static <T> TypeSerializerSnapshot<T> readBack(TypeSerializerSnapshot<T> snapshot) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
    return TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(out.getCopyOfBuffer()),
        StateCodecsTest.class.getClassLoader());
  }
}
