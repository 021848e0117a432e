package dev.solvent.job.riskarrays;

import static dev.solvent.job.Records.d;
import static dev.solvent.job.Records.perpetual;
import static dev.solvent.job.Records.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.avro.instruments.Instrument;
import dev.solvent.avro.instruments.InstrumentKind;
import dev.solvent.avro.instruments.OptionType;
import dev.solvent.avro.oracle.OraclePrice;
import dev.solvent.avro.oracle.PublishReason;
import dev.solvent.avro.vols.VolQuote;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.job.model.OracleUpdate;
import dev.solvent.job.model.RiskArraySet;
import dev.solvent.job.model.RiskArrayStageInput;
import dev.solvent.risk.pricing.Black76;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class RiskArraysFunctionTest {

  private static OracleUpdate price(long at, String mark) {
    return new OracleUpdate(OraclePrice.newBuilder().setUnderlying("BTC").setIndexPrice(d(mark)).setMarkPrice(d(mark))
        .setSourceTime(Instant.ofEpochMilli(at)).setPublishTime(Instant.ofEpochMilli(at)).setLiveSources(3)
        .setSources(List.of()).setStale(false).setReason(PublishReason.FIRST).build(), 1e6, 2e6);
  }

  @Test
  void valuesEveryInstrumentWithTheSpecsAndVolatilitiesOfItsInstant() throws Exception {
    var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new RiskArraysFunction(SolventConfig.defaults()),
        RiskArrayStageInput::underlying, Types.STRING);
    Instrument call = Instrument.newBuilder(perpetual("BTC-C", "BTC", "0.005", "0.002")).setKind(InstrumentKind.OPTION)
        .setMarginTiers(List.of()).setStrike(d("110000")).setOptionType(OptionType.CALL)
        .setExpiry(Instant.ofEpochMilli(365L * 24 * 3600 * 1000)).build();
    // Arriving price first: the stage still applies the instant's spec and vol before valuing.
    h.processElement(new RiskArrayStageInput.Oracle("BTC", 1_000, price(1_000, "100000")), 1_000);
    h.processElement(new RiskArrayStageInput.Vol("BTC", 1_000, new VolQuote("BTC", null, "test", 0.8)), 1_000);
    h.processElement(new RiskArrayStageInput.Spec("BTC", 1_000, call), 1_000);
    h.processWatermark(1_000);

    RiskArraySet set = (RiskArraySet) values(h.getOutput()).get(0);
    assertThat(set.arrays()).hasSize(1);
    double years = (365.0 * 24 * 3600 * 1000 - 1_000) / (365.0 * 24 * 3600 * 1000);
    assertThat(set.arrays()[0].markValue()).isEqualTo(
        Black76.DEFAULT.price(dev.solvent.risk.pricing.OptionType.CALL, 100_000, 110_000, years, 0.8, 0));
    assertThat(set.bidDepth2Pct()).isEqualTo(1e6);

    h.processElement(new RiskArrayStageInput.Oracle("BTC", 2_000, price(2_000, "101000")), 2_000);
    h.processWatermark(2_000);
    RiskArraySet second = (RiskArraySet) values(h.getOutput()).get(1);
    assertThat(second.realizedVol()).as("the realized volatility of a 1% move in 1 s").isGreaterThan(5);
    // What stays: the spec, the vol and the underlying's memory; the buffer is drained and no timer waits.
    assertThat(h.numKeyedStateEntries()).isEqualTo(3);
    assertThat(h.numEventTimeTimers()).isZero();
  }
}
