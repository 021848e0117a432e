package dev.solvent.risk.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TriggerIndexTest {

  private static SafeBands bands(long valuedAt, long validUntil, PriceBand... bands) {
    return new SafeBands(valuedAt, validUntil, List.of(bands), List.of());
  }

  @Test
  void aPriceRevaluesExactlyTheAccountsWhoseBandItLeft() {
    TriggerIndex index = new TriggerIndex();
    index.put("a", bands(0, Long.MAX_VALUE, new PriceBand("BTC", 90, 110)));
    index.put("b", bands(0, Long.MAX_VALUE, new PriceBand("BTC", 95, 105)));
    index.put("c", bands(0, Long.MAX_VALUE, new PriceBand("BTC", 99, 200), new PriceBand("ETH", 1, 2)));
    assertThat(index.due("BTC", 100, 1, 1, TriggerIndex.Scope.BANDED, Map.of()).accounts()).isEmpty();
    assertThat(index.due("BTC", 106, 1, 2, TriggerIndex.Scope.BANDED, Map.of()).accounts()).containsExactly("b");
    assertThat(index.due("BTC", 98, 1, 3, TriggerIndex.Scope.BANDED, Map.of()).accounts()).containsExactly("c");
    assertThat(index.due("ETH", 1.5, 1, 4, TriggerIndex.Scope.BANDED, Map.of()).accounts()).isEmpty();
    assertThat(index.due("ETH", 3, 1, 4, TriggerIndex.Scope.BANDED, Map.of()).accounts()).containsExactly("c");
    assertThat(index.due("BTC", 50, 1, 5, TriggerIndex.Scope.EVERY_HOLDER, Map.of()).accounts()).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(index.holders("BTC")).isEqualTo(3);
  }

  /** The order the account stage values them in: a burst's new crossings, deepest first, before the unbanded. */
  @Test
  void dueAccountsComeDeepestCrossingFirstAndTheUnbandedAfter() {
    TriggerIndex index = new TriggerIndex();
    index.put("overdue", bands(0, Long.MAX_VALUE, PriceBand.none("BTC")));
    index.put("shallow", bands(0, Long.MAX_VALUE, new PriceBand("BTC", 80, 120)));
    index.put("deep", bands(0, Long.MAX_VALUE, new PriceBand("BTC", 95, 120)));
    index.put("middle", bands(0, Long.MAX_VALUE, new PriceBand("BTC", 90, 120)));
    index.put("safe", bands(0, Long.MAX_VALUE, new PriceBand("BTC", 60, 120)));
    assertThat(index.due("BTC", 75, 1, 1, TriggerIndex.Scope.BANDED, Map.of()).accounts())
        .containsExactly("deep", "middle", "shallow", "overdue");
  }

  @Test
  void heartbeatsUnbandedHoldersAndUnpricedInstrumentsRevalueByTheirOwnRule() {
    TriggerIndex index = new TriggerIndex();
    index.put("beat", bands(0, 60_000, new PriceBand("BTC", 90, 110)));
    index.put("under", bands(0, Long.MAX_VALUE, PriceBand.none("BTC")));
    index.put("new", new SafeBands(0, Long.MAX_VALUE, List.of(), List.of("BTC-PERP")));
    assertThat(index.due("BTC", 100, 1, 1_000, TriggerIndex.Scope.BANDED, Map.of("BTC-PERP", 0.0)).accounts()).containsExactlyInAnyOrder("under", "new");
    assertThat(index.due("BTC", 100, 1, 60_000, TriggerIndex.Scope.BANDED, Map.of()).accounts()).containsExactlyInAnyOrder("beat", "under");
    // Valued at this instant already (a restored subtask checking it again): left out, and still indexed.
    index.put("now", bands(70_000, Long.MAX_VALUE, PriceBand.none("BTC")));
    assertThat(index.due("BTC", 100, 1, 70_000, TriggerIndex.Scope.BANDED, Map.of()).accounts()).doesNotContain("now");
    assertThat(index.due("BTC", 100, 1, 71_000, TriggerIndex.Scope.BANDED, Map.of()).accounts()).contains("now");
  }

  @Test
  void aVolatilityRevaluesExactlyTheOptionHoldersWhoseVolatilityBandItLeft() {
    TriggerIndex index = new TriggerIndex();
    index.put("put", new SafeBands(0, Long.MAX_VALUE, List.of(new PriceBand("BTC", 90, 110)), List.of(),
        List.of(new VolBand("BTC-P", 0.55, 0.65))));
    index.put("both", new SafeBands(0, Long.MAX_VALUE, List.of(new PriceBand("BTC", 90, 110)), List.of(),
        List.of(new VolBand("BTC-P", 0.5, 0.7), new VolBand("BTC-C", 0.58, 0.62))));
    index.put("perp", bands(0, Long.MAX_VALUE, new PriceBand("BTC", 90, 110)));
    Map<String, Double> vols = new HashMap<>(Map.of("BTC-PERP", 0.0, "BTC-P", 0.6, "BTC-C", 0.6));
    assertThat(index.due("BTC", 100, 1, 1, TriggerIndex.Scope.BANDED, vols).accounts()).isEmpty();
    vols.put("BTC-P", 0.68);
    TriggerIndex.Due due = index.due("BTC", 100, 1, 2, TriggerIndex.Scope.BANDED, vols);
    assertThat(due.accounts()).containsExactly("put");
    assertThat(due.byCause()[TriggerIndex.Cause.VOL.ordinal()]).isEqualTo(1);
    vols.put("BTC-C", Double.NaN); // a volatility no band holds
    assertThat(index.due("BTC", 100, 1, 3, TriggerIndex.Scope.BANDED, vols).accounts()).containsExactly("both");
  }

  @Test
  void aMultiplierRevaluesExactlyTheHoldersWhoseRangeItLeft() {
    TriggerIndex index = new TriggerIndex();
    index.put("calm", bands(0, Long.MAX_VALUE, new PriceBand("BTC", 90, 110)));
    index.put("tight", bands(0, Long.MAX_VALUE, new PriceBand("BTC", 90, 110, 1.5, 1.53)));
    index.put("wide", bands(0, Long.MAX_VALUE, new PriceBand("BTC", 90, 110, 1.4, 1.6)));
    index.put("lender", bands(0, Long.MAX_VALUE, PriceBand.all("BTC")));
    TriggerIndex.Due due = index.due("BTC", 100, 1.55, 1, TriggerIndex.Scope.BANDED, Map.of());
    assertThat(due.accounts()).containsExactlyInAnyOrder("calm", "tight");
    assertThat(due.byCause()[TriggerIndex.Cause.MULTIPLIER.ordinal()]).isEqualTo(2);
    // Revalued, they get bands at the new multiplier (as the account stage puts them back at once).
    index.put("calm", bands(1, Long.MAX_VALUE, new PriceBand("BTC", 90, 110, 1.53, 1.57)));
    index.put("tight", bands(1, Long.MAX_VALUE, new PriceBand("BTC", 90, 110, 1.54, 1.56)));
    assertThat(index.due("BTC", 100, 1.555, 2, TriggerIndex.Scope.BANDED, Map.of()).accounts()).isEmpty();
    assertThat(index.due("BTC", 100, 1.45, 3, TriggerIndex.Scope.BANDED, Map.of()).accounts())
        .containsExactlyInAnyOrder("calm", "tight");
  }

  @Test
  void agreesWithAScanOfEveryBandOverRandomUpdates() {
    Random random = new Random(7);
    TriggerIndex index = new TriggerIndex();
    Map<String, SafeBands> truth = new HashMap<>();
    for (int i = 0; i < 200; i++) {
      String account = "a" + i;
      SafeBands bands = random(random, 0, 100, 0.6);
      truth.put(account, bands);
      index.put(account, bands);
    }
    double price = 100;
    double vol = 0.6;
    for (int t = 1; t < 2_000; t++) {
      price *= 1 + 0.01 * random.nextGaussian();
      vol *= 1 + 0.02 * random.nextGaussian();
      Set<String> expected = new TreeSet<>();
      for (var e : truth.entrySet()) {
        SafeBands b = e.getValue();
        if (!b.bands().get(0).contains(price) || !b.vols().isEmpty() && !b.vols().get(0).contains(vol)) {
          expected.add(e.getKey());
        }
      }
      Set<String> due = new TreeSet<>(index.due("BTC", price, 1, t, TriggerIndex.Scope.BANDED,
          Map.of("BTC-PERP", 0.0, "BTC-P", vol)).accounts());
      assertThat(due).as("price %f vol %f at %d", price, vol, t).isEqualTo(expected);
      for (String account : due) {
        SafeBands bands = random(random, t, price, vol);
        truth.put(account, bands);
        index.put(account, bands);
      }
    }
  }

  /** A band around the price, none one time in twenty; half the time an option's volatility band too. */
  private static SafeBands random(Random random, long time, double price, double vol) {
    PriceBand band = random.nextInt(20) == 0 ? PriceBand.none("BTC")
        : new PriceBand("BTC", price * (1 - 0.05 * random.nextDouble()), price * (1 + 0.05 * random.nextDouble()));
    List<VolBand> vols = random.nextBoolean() ? List.of() : List.of(new VolBand("BTC-P",
        vol * (1 - 0.1 * random.nextDouble()), vol * (1 + 0.1 * random.nextDouble())));
    return new SafeBands(time, Long.MAX_VALUE, List.of(band), List.of(), vols);
  }
}
