package dev.solvent.risk.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
    assertThat(index.due("BTC", 100, 1, TriggerIndex.Scope.BANDED, List.of()).accounts()).isEmpty();
    assertThat(index.due("BTC", 106, 2, TriggerIndex.Scope.BANDED, List.of()).accounts()).containsExactly("b");
    assertThat(index.due("BTC", 98, 3, TriggerIndex.Scope.BANDED, List.of()).accounts()).containsExactly("c");
    assertThat(index.due("ETH", 1.5, 4, TriggerIndex.Scope.BANDED, List.of()).accounts()).isEmpty();
    assertThat(index.due("ETH", 3, 4, TriggerIndex.Scope.BANDED, List.of()).accounts()).containsExactly("c");
    assertThat(index.due("BTC", 50, 5, TriggerIndex.Scope.EVERY_HOLDER, List.of()).accounts()).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(index.holders("BTC")).isEqualTo(3);
  }

  @Test
  void heartbeatsUnbandedHoldersAndUnpricedInstrumentsRevalueByTheirOwnRule() {
    TriggerIndex index = new TriggerIndex();
    index.put("beat", bands(0, 60_000, new PriceBand("BTC", 90, 110)));
    index.put("under", bands(0, Long.MAX_VALUE, PriceBand.none("BTC")));
    index.put("new", new SafeBands(0, Long.MAX_VALUE, List.of(), List.of("BTC-PERP")));
    assertThat(index.due("BTC", 100, 1_000, TriggerIndex.Scope.BANDED, List.of("BTC-PERP")).accounts()).containsExactlyInAnyOrder("under", "new");
    assertThat(index.due("BTC", 100, 60_000, TriggerIndex.Scope.BANDED, List.of()).accounts()).containsExactlyInAnyOrder("beat", "under");
    // Valued at this instant already (a restored subtask checking it again): left out, and still indexed.
    index.put("now", bands(70_000, Long.MAX_VALUE, PriceBand.none("BTC")));
    assertThat(index.due("BTC", 100, 70_000, TriggerIndex.Scope.BANDED, List.of()).accounts()).doesNotContain("now");
    assertThat(index.due("BTC", 100, 71_000, TriggerIndex.Scope.BANDED, List.of()).accounts()).contains("now");
  }

  @Test
  void agreesWithAScanOfEveryBandOverRandomUpdates() {
    Random random = new Random(7);
    TriggerIndex index = new TriggerIndex();
    java.util.Map<String, PriceBand> truth = new java.util.HashMap<>();
    for (int i = 0; i < 200; i++) {
      String account = "a" + i;
      PriceBand band = band(random, 100);
      truth.put(account, band);
      index.put(account, bands(0, Long.MAX_VALUE, band));
    }
    double price = 100;
    for (int t = 1; t < 2_000; t++) {
      price *= 1 + 0.01 * random.nextGaussian();
      Set<String> expected = new TreeSet<>();
      for (var e : truth.entrySet()) {
        if (!e.getValue().contains(price)) {
          expected.add(e.getKey());
        }
      }
      Set<String> due = new TreeSet<>(index.due("BTC", price, t, TriggerIndex.Scope.BANDED, List.of()).accounts());
      assertThat(due).as("price %f at %d", price, t).isEqualTo(expected);
      for (String account : due) {
        PriceBand band = band(random, price);
        truth.put(account, band);
        index.put(account, bands(t, Long.MAX_VALUE, band));
      }
    }
  }

  private static PriceBand band(Random random, double around) {
    return random.nextInt(20) == 0 ? PriceBand.none("BTC")
        : new PriceBand("BTC", around * (1 - 0.05 * random.nextDouble()), around * (1 + 0.05 * random.nextDouble()));
  }
}
