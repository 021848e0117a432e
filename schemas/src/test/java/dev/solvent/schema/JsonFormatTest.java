package dev.solvent.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.avro.account.AccountEvent;
import dev.solvent.avro.account.Trade;
import dev.solvent.avro.ticks.MarketTick;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class JsonFormatTest {

  static java.util.List<String> topics() {
    return Topics.names();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("topics")
  void everyTopicRoundTripsThroughCanonicalJson(String topicName) throws Exception {
    Topic<?> topic = Topics.byName(topicName);
    Schema schema = topic.schema();
    for (int branch = 0; branch < SampleRecords.widestUnion(schema); branch++) {
      SpecificRecord original = (SpecificRecord) SampleRecords.sample(schema, 5L + branch, branch);
      String json = JsonFormat.write(original);
      assertThat(json).doesNotContain("\n");
      SpecificRecord back = JsonFormat.read(json, topic.valueType());
      assertThat(back).isEqualTo(original);
      assertThat(JsonFormat.write(back)).isEqualTo(json);
    }
  }

  @Test
  void readsTheDocumentedFormWithNumbersStringsAndDefaults() throws Exception {
    AccountEvent event = JsonFormat.read("""
        {"eventTime": "2025-10-10T21:00:00Z", "sequence": 7,
         "payload": {"type": "Trade", "accountId": "a-1", "instrumentId": "BTC-PERP", "tradeId": "t-9",
                     "quantity": "-0.5", "price": 104250.5, "fee": "0"}}""", AccountEvent.class);
    Trade trade = (Trade) event.getPayload();
    assertThat(trade.getQuantity()).isEqualByComparingTo("-0.5");
    assertThat(trade.getPrice().scale()).isEqualTo(8);
    assertThat(event.getEventTime().toEpochMilli()).isEqualTo(1_760_130_000_000L);

    MarketTick tick = JsonFormat.read("""
        {"eventTime": 1760130000000, "payload": {"type": "Quote", "underlying": "BTC", "source": "gemini",
         "price": "104000"}}""", MarketTick.class);
    assertThat(((dev.solvent.avro.ticks.Quote) tick.getPayload()).getSequence()).isZero();
  }

  @Test
  void errorsNameTheField() {
    assertThatThrownBy(() -> JsonFormat.read("""
        {"eventTime": "2025-10-10T21:00:00Z", "sequence": 7,
         "payload": {"type": "Trade", "accountId": "a-1", "instrumentId": "BTC-PERP", "tradeId": "t-9",
                     "price": "1", "fee": "0"}}""", AccountEvent.class))
        .hasMessageContaining("payload.quantity: is required");
    assertThatThrownBy(() -> JsonFormat.read("""
        {"eventTime": "yesterday", "sequence": 7, "payload": {"type": "Heartbeat", "producer": "x"}}""",
        AccountEvent.class)).hasMessageContaining("eventTime: 'yesterday' is not an ISO-8601 instant");
    assertThatThrownBy(() -> JsonFormat.read("""
        {"eventTime": 1, "sequence": 7, "payload": {"type": "Bribe", "producer": "x"}}""", AccountEvent.class))
        .hasMessageContaining("payload: \"type\" must be one of");
    assertThatThrownBy(() -> JsonFormat.read("""
        {"eventTime": 1, "payload": {"type": "Quote", "underlying": "BTC", "source": "x", "price": "NaN"}}""",
        MarketTick.class)).hasMessageContaining("payload.price: 'NaN' is not a decimal number");
    assertThatThrownBy(() -> JsonFormat.read("{oops", MarketTick.class)).hasMessageContaining("not valid JSON");
  }

  @Test
  void decimalsWithAbsurdExponentsAreRefusedWithoutExpandingThem() throws Exception {
    // Rescaled or printed in full, each would be a billion digits: refused from their short form, at once. (As JSON
    // numbers they are doubles, 0 and infinity, for the content rules to refuse.)
    assertThatThrownBy(() -> JsonFormat.read("{\"eventTime\": 1, \"payload\": {\"type\": \"Quote\", "
        + "\"underlying\": \"BTC\", \"source\": \"x\", \"price\": \"1e-999999999\"}}", MarketTick.class))
        .hasMessageContaining("payload.price: 1E-999999999 has more than 8 decimal places");
    assertThatThrownBy(() -> JsonFormat.read("{\"eventTime\": 1, \"payload\": {\"type\": \"Quote\", "
        + "\"underlying\": \"BTC\", \"source\": \"x\", \"price\": \"1e999999999\"}}", MarketTick.class))
        .hasMessageContaining("payload.price: 1E+999999999 has more than 30 digits before the point");
    // At the edges of what the wire holds: 30 digits before the point and 8 after, and trailing zeros beyond.
    MarketTick edge = JsonFormat.read("{\"eventTime\": 1, \"payload\": {\"type\": \"Quote\", \"underlying\": "
        + "\"BTC\", \"source\": \"x\", \"price\": \"" + "9".repeat(30) + ".12345678000\"}}", MarketTick.class);
    assertThat(((dev.solvent.avro.ticks.Quote) edge.getPayload()).getPrice().toPlainString())
        .isEqualTo("9".repeat(30) + ".12345678");
  }
}
