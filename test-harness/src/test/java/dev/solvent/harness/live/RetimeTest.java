package dev.solvent.harness.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.avro.instruments.Instrument;
import dev.solvent.avro.instruments.InstrumentUpdate;
import dev.solvent.avro.ticks.MarketTick;
import dev.solvent.avro.ticks.Quote;
import dev.solvent.harness.scenario.Scenario;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetimeTest {

  @Test
  void shiftsEveryTimestampAndLeavesTheOriginalAndEverythingElseAlone() {
    Scenario s = new Scenario()
        .option(0, "BTC-C", "BTC", "CALL", "110000", 86_400_000L, "0.1", "0.002", "usd")
        .quote(5_000, "BTC", "a", "100000.5");
    InstrumentUpdate spec = (InstrumentUpdate) s.records().get("instruments").get(0);
    MarketTick tick = (MarketTick) s.records().get("market.ticks").get(0);

    InstrumentUpdate movedSpec = Retime.shift(spec, 60_000);
    MarketTick movedTick = Retime.shift(tick, 60_000);

    assertThat(movedSpec.getEventTime()).isEqualTo(Instant.ofEpochMilli(Scenario.T0 + 60_000));
    assertThat(((Instrument) movedSpec.getPayload()).getExpiry())
        .isEqualTo(Instant.ofEpochMilli(Scenario.T0 + 86_400_000L + 60_000));
    assertThat(((Instrument) movedSpec.getPayload()).getStrike()).isEqualTo(((Instrument) spec.getPayload())
        .getStrike());
    assertThat(movedTick.getEventTime()).isEqualTo(Instant.ofEpochMilli(Scenario.T0 + 65_000));
    assertThat(((Quote) movedTick.getPayload()).getPrice()).isEqualTo(((Quote) tick.getPayload()).getPrice());
    assertThat(tick.getEventTime()).isEqualTo(Instant.ofEpochMilli(Scenario.T0 + 5_000));
  }
}
