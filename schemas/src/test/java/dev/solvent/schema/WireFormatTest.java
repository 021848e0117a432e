package dev.solvent.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.avro.margin.MarginUpdate;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WireFormatTest {

  static java.util.List<String> topics() {
    return Topics.names();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("topics")
  void everyTopicRoundTripsEveryUnionBranch(String topicName) throws Exception {
    WireFormat<SpecificRecord> wire = wireFormat(topicName);
    Schema schema = wire.topic().schema();
    int variants = SampleRecords.widestUnion(schema);
    for (int branch = 0; branch < variants; branch++) {
      for (long seed = 0; seed < 5; seed++) {
        SpecificRecord original = (SpecificRecord) SampleRecords.sample(schema, seed * 31 + branch, branch);
        byte[] bytes = wire.encode(original);
        assertThat(wire.decode(bytes)).as("%s branch %d seed %d", topicName, branch, seed).isEqualTo(original);
        assertThat(wire.topic().key(original)).isNotBlank();
      }
    }
  }

  @Test
  void valuesCarryTheSingleObjectHeaderWithTheWriterFingerprint() {
    WireFormat<MarginUpdate> wire = WireFormat.of(Topics.MARGIN_UPDATES);
    MarginUpdate update = (MarginUpdate) SampleRecords.sample(MarginUpdate.getClassSchema(), 7, 1);
    byte[] bytes = wire.encode(update);
    long fingerprint = org.apache.avro.SchemaNormalization.parsingFingerprint64(MarginUpdate.getClassSchema());
    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong()).isEqualTo(fingerprint);
  }

  @Test
  void decodesAValueWrittenWithTheReleasedV1SchemaIntoTheCurrentClass() throws Exception {
    Schema v1 = ShippedSchemas.history().released("margin.updates").get(0);
    assertThat(v1.getField("probabilityOfDefault")).as("v1 predates probabilityOfDefault").isNull();
    MarginUpdate current = (MarginUpdate) SampleRecords.sample(MarginUpdate.getClassSchema(), 3, 1);

    // Write the same content as an old producer would: the v1 schema, without the v2 field.
    GenericRecord old = new GenericData.Record(v1);
    for (Schema.Field field : v1.getFields()) {
      old.put(field.name(), current.get(field.name()));
    }
    var oldWriter = new BinaryMessageEncoder<GenericRecord>(
        org.apache.avro.specific.SpecificData.getForClass(MarginUpdate.class), v1);
    byte[] bytes = oldWriter.encode(old).array();

    MarginUpdate decoded = WireFormat.of(Topics.MARGIN_UPDATES).decode(bytes);
    assertThat(decoded.getProbabilityOfDefault()).isNull();
    assertThat(decoded.getEquity()).isEqualTo(current.getEquity());
    assertThat(decoded.getAccountId()).isEqualTo(current.getAccountId());
  }

  @Test
  void rejectsBytesThatAreNotSingleObjectEncoded() {
    var wire = WireFormat.of(Topics.MARKET_TICKS);
    assertThatThrownBy(() -> wire.decode("{\"price\": 1}".getBytes()))
        .isInstanceOfSatisfying(UndecodableValueException.class,
            e -> assertThat(e.kind()).isEqualTo(UndecodableValueException.Kind.NOT_AVRO))
        .hasMessageContaining("market.ticks");
    assertThatThrownBy(() -> wire.decode(new byte[0]))
        .isInstanceOfSatisfying(UndecodableValueException.class,
            e -> assertThat(e.kind()).isEqualTo(UndecodableValueException.Kind.NOT_AVRO));
  }

  @Test
  void rejectsAValueWrittenWithAnUnreleasedSchema() {
    var wire = WireFormat.of(Topics.MARKET_TICKS);
    byte[] bytes = WireFormat.of(Topics.ORACLE_PRICES)
        .encode((dev.solvent.avro.oracle.OraclePrice) SampleRecords.sample(
            dev.solvent.avro.oracle.OraclePrice.getClassSchema(), 1, 0));
    assertThatThrownBy(() -> wire.decode(bytes))
        .isInstanceOfSatisfying(UndecodableValueException.class,
            e -> assertThat(e.kind()).isEqualTo(UndecodableValueException.Kind.UNKNOWN_SCHEMA));
  }

  @Test
  void rejectsATruncatedBody() {
    var wire = WireFormat.of(Topics.ORACLE_PRICES);
    byte[] bytes = wire.encode((dev.solvent.avro.oracle.OraclePrice) SampleRecords.sample(
        dev.solvent.avro.oracle.OraclePrice.getClassSchema(), 1, 0));
    byte[] truncated = Arrays.copyOf(bytes, 14);
    assertThatThrownBy(() -> wire.decode(truncated))
        .isInstanceOfSatisfying(UndecodableValueException.class,
            e -> assertThat(e.kind()).isEqualTo(UndecodableValueException.Kind.MALFORMED));
  }

  @Test
  void decimalsKeepTheirExactValue() throws Exception {
    var wire = WireFormat.of(Topics.MARGIN_UPDATES);
    MarginUpdate update = (MarginUpdate) SampleRecords.sample(MarginUpdate.getClassSchema(), 11, 1);
    update.setEquity(new BigDecimal("123456789012345678901234.12345678"));
    assertThat(wire.decode(wire.encode(update)).getEquity()).isEqualByComparingTo("123456789012345678901234.12345678");
  }

  @SuppressWarnings("unchecked")
  private static WireFormat<SpecificRecord> wireFormat(String topic) {
    return WireFormat.of((Topic<SpecificRecord>) Topics.byName(topic));
  }
}
