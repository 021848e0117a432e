package dev.solvent.job;

import dev.solvent.avro.account.AccountEvent;
import dev.solvent.avro.instruments.Instrument;
import dev.solvent.avro.instruments.InstrumentKind;
import dev.solvent.avro.instruments.MarginTier;
import dev.solvent.avro.ticks.MarketTick;
import dev.solvent.avro.ticks.Quote;
import dev.solvent.job.ingest.SourceRef;
import dev.solvent.job.model.AccountInput;
import dev.solvent.job.model.Instruments;
import dev.solvent.job.model.RiskArraySet;
import dev.solvent.risk.portfolio.RiskArray;
import dev.solvent.risk.portfolio.RiskArrayCalculator;
import dev.solvent.risk.portfolio.ScenarioGrid;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/** Small builders of the job's records for operator tests. */
public final class Records {

  private Records() {}

  public static BigDecimal d(String value) {
    return new BigDecimal(value).setScale(8);
  }

  public static MarketTick tick(long at, String underlying, String source, String price) {
    return new MarketTick(Instant.ofEpochMilli(at), new Quote(underlying, source, d(price), 0L, null, null, null, null));
  }

  public static Instrument perpetual(String id, String underlying, String maintenanceRate, String penaltyRate) {
    return Instrument.newBuilder().setInstrumentId(id).setUnderlying(underlying).setKind(InstrumentKind.PERPETUAL)
        .setContractSize(d("1")).setLotSize(d("0.001")).setExpiry(null).setStrike(null).setOptionType(null)
        .setMarginTiers(List.of(new MarginTier(d("0"), null, 100, d(maintenanceRate), d("0"))))
        .setLiquidationPenaltyRate(d(penaltyRate)).setCollateralHaircut(null).setLiquidationThreshold(null)
        .setLiquidationBonus(null).setProtocolFeeRate(null).setInsuranceFundId("usd").build();
  }

  public static RiskArraySet arrays(long at, double spot, Instrument... specs) {
    RiskArrayCalculator calculator = new RiskArrayCalculator(ScenarioGrid.DEFAULT);
    RiskArray[] arrays = new RiskArray[specs.length];
    for (int i = 0; i < specs.length; i++) {
      arrays[i] = calculator.compute(Instruments.toCore(specs[i]), spot, 0.6, 0, at);
    }
    return new RiskArraySet(specs[0].getUnderlying(), at, at, false, spot, Double.NaN, Double.NaN, Double.NaN, specs,
        arrays);
  }

  public static AccountInput event(long at, long sequence, Object payload) {
    return new AccountInput(new AccountEvent(Instant.ofEpochMilli(at), sequence, payload), new SourceRef(
        "account.events", 0, sequence));
  }

  /** The values of a harness's output, in order. */
  @SuppressWarnings("unchecked")
  public static <T> List<T> values(java.util.Collection<?> output) {
    return output.stream().filter(o -> o instanceof StreamRecord<?>).map(o -> (T) ((StreamRecord<?>) o).getValue())
        .toList();
  }
}
