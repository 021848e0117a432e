package dev.solvent.job.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.avro.instruments.Instrument;
import dev.solvent.avro.instruments.InstrumentKind;
import dev.solvent.avro.instruments.MarginTier;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstrumentCacheTest {

  private static BigDecimal d(String value) {
    return new BigDecimal(value).setScale(8);
  }

  /** Tiers with a nullable decimal cap: Avro's generated equals throws on them, so the cache must not use it. */
  private static Instrument tiered(String penaltyRate) {
    return Instrument.newBuilder().setInstrumentId("BTC-PERP").setUnderlying("BTC")
        .setKind(InstrumentKind.PERPETUAL).setContractSize(d("1")).setLotSize(d("0.001")).setExpiry(null)
        .setStrike(null).setOptionType(null)
        .setMarginTiers(List.of(new MarginTier(d("0"), d("250000"), 50, d("0.01"), d("0")),
            new MarginTier(d("250000"), null, 20, d("0.025"), d("3750"))))
        .setLiquidationPenaltyRate(d(penaltyRate)).setCollateralHaircut(null).setLiquidationThreshold(null)
        .setLiquidationBonus(null).setProtocolFeeRate(null).setInsuranceFundId("main").build();
  }

  @Test
  void anEqualSpecInANewInstanceReusesTheConversion() {
    InstrumentCache cache = new InstrumentCache();
    var first = cache.core(tiered("0.01"));
    var again = cache.core(tiered("0.01"));
    assertThat(again).isSameAs(first);
  }

  @Test
  void aChangedSpecIsConvertedAgain() {
    InstrumentCache cache = new InstrumentCache();
    var first = cache.core(tiered("0.01"));
    var changed = cache.core(tiered("0.02"));
    assertThat(changed).isNotSameAs(first);
    assertThat(changed).isNotEqualTo(first);
  }
}
