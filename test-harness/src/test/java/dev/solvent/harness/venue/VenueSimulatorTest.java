package dev.solvent.harness.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.solvent.avro.account.AccountEvent;
import dev.solvent.avro.account.AdlFill;
import dev.solvent.avro.account.LiquidationFill;
import dev.solvent.avro.adl.AdlOrder;
import dev.solvent.avro.instruments.Instrument;
import dev.solvent.avro.instruments.InstrumentKind;
import dev.solvent.avro.instruments.InstrumentUpdate;
import dev.solvent.avro.instruments.MarginTier;
import dev.solvent.avro.liquidation.LiquidationKind;
import dev.solvent.avro.liquidation.LiquidationOrder;
import dev.solvent.avro.liquidation.Side;
import dev.solvent.avro.ticks.MarketTick;
import dev.solvent.avro.ticks.Quote;
import dev.solvent.harness.loop.LoopRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The venue against hand-computed books: 1,000,000 USD within 1 % of a 100,000 mid, so selling 5 BTC (500,000 USD)
 * walks the price down 0.5 % and fills at the path's average, 0.25 % below the mid.
 */
class VenueSimulatorTest {

  private static final long T0 = 1_000_000;
  private static final long HALF_LIFE = 30_000;
  private static final long LATENCY = 200;

  private VenueSimulator venue;

  @BeforeEach
  void setUp() {
    venue = venue(false);
  }

  private static VenueSimulator venue(boolean impactOnSources) {
    VenueSimulator v = new VenueSimulator(new VenueSettings(Map.of("BTC", 1_000_000.0), 500_000, HALF_LIFE, LATENCY,
        5_000, 0.02, impactOnSources, "venue"));
    v.adjust(new LoopRecord("instruments", T0, new InstrumentUpdate(Instant.ofEpochMilli(T0), perpetual())));
    v.adjust(quote(T0, "a", "100000"));
    v.adjust(quote(T0, "b", "100000"));
    return v;
  }

  private static Instrument perpetual() {
    BigDecimal one = d("1");
    return Instrument.newBuilder().setInstrumentId("BTC-PERP").setUnderlying("BTC")
        .setKind(InstrumentKind.PERPETUAL).setContractSize(one).setLotSize(d("0.001")).setExpiry(null)
        .setStrike(null).setOptionType(null)
        .setMarginTiers(List.of(new MarginTier(d("0"), null, 50, d("0.01"), d("0"))))
        .setLiquidationPenaltyRate(d("0.01")).setCollateralHaircut(null).setLiquidationThreshold(null)
        .setLiquidationBonus(null).setProtocolFeeRate(null).setInsuranceFundId("main").build();
  }

  private static LoopRecord quote(long at, String source, String price) {
    return new LoopRecord("market.ticks", at, new MarketTick(Instant.ofEpochMilli(at),
        new Quote("BTC", source, d(price), 1L, null, null, null, null)));
  }

  private static LoopRecord order(long at, String id, Side side, String quantity, String limit) {
    return new LoopRecord("liquidation.orders", at, LiquidationOrder.newBuilder().setOrderId(id).setAccountId("acc")
        .setInstrumentId("BTC-PERP").setEventTime(Instant.ofEpochMilli(at)).setSide(side).setQuantity(d(quantity))
        .setLimitPrice(d(limit)).setBankruptcyPrice(d(limit)).setMarkPrice(d("100000")).setPenalty(d("0"))
        .setKind(LiquidationKind.PARTIAL).setMarginRatio(0.9).setTargetMarginRatio(1.25).setAttempt(1).build());
  }

  private static BigDecimal d(String value) {
    return new BigDecimal(value).setScale(8);
  }

  private static List<LiquidationFill> fills(List<LoopRecord> answers) {
    return answers.stream().filter(a -> a.record() instanceof AccountEvent e && e.getPayload() instanceof LiquidationFill)
        .map(a -> (LiquidationFill) ((AccountEvent) a.record()).getPayload()).toList();
  }

  @Test
  void aSaleWalksTheBookAndFillsAtThePathAverageAfterTheLatency() {
    List<LoopRecord> answers = venue.step(T0 + 100, List.of(), List.of(order(T0, "o1", Side.SELL, "5", "90000")));
    List<LiquidationFill> fills = fills(answers);
    assertThat(fills).singleElement().satisfies(f -> {
      assertThat(f.getQuantity()).isEqualByComparingTo("-5");
      assertThat(f.getPrice().doubleValue()).isCloseTo(99_750, within(1.0));
    });
    LoopRecord fill = answers.stream().filter(a -> a.topic().equals("account.events")).findFirst().orElseThrow();
    assertThat(fill.time()).isEqualTo(T0 + LATENCY);
    // the venue's own quote after the fill sits at the moved mid
    assertThat(answers).anySatisfy(a -> {
      assertThat(a.record()).isInstanceOf(MarketTick.class);
      Quote q = (Quote) ((MarketTick) a.record()).getPayload();
      assertThat(q.getSource()).isEqualTo("venue");
      assertThat(q.getPrice().doubleValue()).isCloseTo(99_500, within(1.0));
    });
    assertThat(venue.stats().fills()).isEqualTo(1);
  }

  @Test
  void theLimitStopsTheWalkInWholeLotsAndTheRestIsLeft() {
    // the book reaches 99,900 (0.1 %) after 100,000 USD: 1 BTC of the 5
    List<LiquidationFill> fills = fills(venue.step(T0 + 100, List.of(),
        List.of(order(T0, "o1", Side.SELL, "5", "99900"))));
    assertThat(fills).singleElement().satisfies(f -> {
      assertThat(f.getQuantity().doubleValue()).isCloseTo(-1, within(0.002));
      assertThat(f.getPrice()).isGreaterThanOrEqualTo(d("99900"));
    });
    assertThat(venue.stats().partialFills()).isEqualTo(1);
  }

  @Test
  void impactDecaysWithTheHalfLifeAndMovesOtherSourcesWhenAsked() {
    VenueSimulator arbitraged = venue(true);
    arbitraged.step(T0 + 100, List.of(), List.of(order(T0, "o1", Side.SELL, "5", "90000")));
    long fillTime = T0 + LATENCY;
    LoopRecord right = arbitraged.adjust(quote(fillTime, "a", "100000"));
    LoopRecord later = arbitraged.adjust(quote(fillTime + HALF_LIFE, "a", "100000"));
    assertThat(price(right)).isCloseTo(99_500, within(1.0));
    assertThat(price(later)).as("half the impact left after one half-life").isCloseTo(99_750, within(1.0));
    assertThat(price(venue.adjust(quote(fillTime, "a", "100000")))).as("recorded history is not moved")
        .isEqualTo(100_000);
  }

  @Test
  void aSecondSaleWhileTheFirstImpactIsMaterialIsTheNextCascadeLevel() {
    venue.step(T0 + 100, List.of(), List.of(order(T0, "o1", Side.SELL, "5", "90000")));
    List<LiquidationFill> second = fills(venue.step(T0 + 1_100, List.of(),
        List.of(order(T0 + 1_000, "o2", Side.SELL, "5", "90000"))));
    // it fills lower: one second after the first fill, its 0.5 % has barely decayed
    double mid = 100_000 * (1 - 0.005 * Math.pow(0.5, 1_000.0 / HALF_LIFE));
    double average = mid * (1 - 5 * mid / 1_000_000 / 100 / 2);
    assertThat(second.get(0).getPrice().doubleValue()).isCloseTo(average, within(1.0));
    assertThat(venue.stats().cascade()).extracting(VenueStats.CascadePoint::depth).containsExactly(0, 1);
    assertThat(venue.stats().deepestCascade()).isEqualTo(1);
  }

  @Test
  void adlOrdersFillAtTheirOwnPrice() {
    AdlOrder adl = AdlOrder.newBuilder().setOrderId("adl-1").setInstrumentId("BTC-PERP").setAccountId("winner")
        .setEventTime(Instant.ofEpochMilli(T0)).setSide(dev.solvent.avro.adl.Side.SELL).setQuantity(d("0.3"))
        .setPrice(d("97000")).setRank(1).setRankingScore(2.5).setBankruptAccountId("loser")
        .setShortfallCovered(d("900")).setFundId("main").build();
    List<LoopRecord> answers = venue.step(T0 + 100, List.of(), List.of(new LoopRecord("adl.orders", T0, adl)));
    assertThat(answers).filteredOn(a -> a.topic().equals("account.events")).singleElement().satisfies(a -> {
      AdlFill f = (AdlFill) ((AccountEvent) a.record()).getPayload();
      assertThat(f.getAccountId()).isEqualTo("winner");
      assertThat(f.getQuantity()).isEqualByComparingTo("-0.3");
      assertThat(f.getPrice()).isEqualByComparingTo("97000");
    });
  }

  private static double price(LoopRecord quote) {
    return ((Quote) ((MarketTick) quote.record()).getPayload()).getPrice().doubleValue();
  }
}
