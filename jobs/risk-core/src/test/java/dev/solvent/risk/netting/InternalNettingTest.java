package dev.solvent.risk.netting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InternalNettingTest {

  private static final BigDecimal LOT = new BigDecimal("0.001");
  private static final BigDecimal MARK = new BigDecimal("93000");

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  private static NettableOrder sell(String id, String quantity, String limit) {
    return new NettableOrder(id, id.split("/")[0], -1, d(quantity), d(limit));
  }

  private static NettableOrder buy(String id, String quantity, String limit) {
    return new NettableOrder(id, id.split("/")[0], 1, d(quantity), d(limit));
  }

  /**
   * At a mark of 93,000: dave sells 0.459 (limit 92,600) and carol sells 0.5 (limit 96,000: above the mark, she stays
   * out); bob buys 0.3 (limit 95,000) and erin buys 0.2 (limit 94,000). Dave's 0.459 crosses bob's 0.3 and then 0.159
   * of erin's 0.2; erin's 0.041 and carol's 0.5 go to the venue.
   */
  @Test
  void opposingOrdersCrossAtTheMarkAndTheRemainderGoesToTheVenue() {
    InternalNetting.Result r = InternalNetting.net(List.of(sell("dave/1/1/BTC-PERP", "0.459", "92600"),
        sell("carol/1/1/BTC-PERP", "0.5", "96000"), buy("bob/1/1/BTC-PERP", "0.3", "95000"),
        buy("erin/1/1/BTC-PERP", "0.2", "94000")), MARK, LOT);

    assertThat(r.crosses()).containsExactly(
        new InternalNetting.Cross("dave/1/1/BTC-PERP", "dave", "bob/1/1/BTC-PERP", "bob", d("0.3"), MARK),
        new InternalNetting.Cross("dave/1/1/BTC-PERP", "dave", "erin/1/1/BTC-PERP", "erin", d("0.159"), MARK));
    assertThat(r.remaining()).containsOnly(Map.entry("carol/1/1/BTC-PERP", d("0.5")),
        Map.entry("erin/1/1/BTC-PERP", d("0.041")));
  }

  @Test
  void oneSidedOrdersAreNotNetted() {
    InternalNetting.Result r = InternalNetting.net(List.of(sell("a/1/1/X", "1", "90000"), sell("b/1/1/X", "2",
        "91000")), MARK, LOT);
    assertThat(r.crosses()).isEmpty();
    assertThat(r.remaining()).containsOnly(Map.entry("a/1/1/X", d("1")), Map.entry("b/1/1/X", d("2")));
  }

  @Test
  void netQuantitiesBalanceAndDoNotDependOnArrivalOrder() {
    Random random = new Random(7);
    List<NettableOrder> orders = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String quantity = BigDecimal.valueOf(1 + random.nextInt(2_000), 3).toPlainString();
      String limit = String.valueOf(90_000 + random.nextInt(6_000));
      orders.add(random.nextBoolean() ? sell("s" + i + "/1/1/X", quantity, limit)
          : buy("b" + i + "/1/1/X", quantity, limit));
    }
    InternalNetting.Result first = InternalNetting.net(orders, MARK, LOT);
    Collections.shuffle(orders, random);
    assertThat(InternalNetting.net(orders, MARK, LOT)).isEqualTo(first);

    BigDecimal sold = first.crosses().stream().map(InternalNetting.Cross::quantity).reduce(BigDecimal.ZERO,
        BigDecimal::add);
    BigDecimal eligibleSells = orders.stream().filter(o -> o.side() < 0 && o.accepts(MARK))
        .map(NettableOrder::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal eligibleBuys = orders.stream().filter(o -> o.side() > 0 && o.accepts(MARK))
        .map(NettableOrder::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(sold).as("the smaller eligible side is netted whole").isEqualByComparingTo(
        eligibleSells.min(eligibleBuys));
    for (NettableOrder o : orders) {
      BigDecimal crossed = first.crosses().stream()
          .filter(c -> c.sellOrderId().equals(o.orderId()) || c.buyOrderId().equals(o.orderId()))
          .map(InternalNetting.Cross::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(crossed.add(first.remaining().getOrDefault(o.orderId(), BigDecimal.ZERO)))
          .as(o.orderId()).isEqualByComparingTo(o.quantity());
      assertThat(crossed.remainder(LOT)).isZero();
    }
  }

  @Test
  void refusesAnOrderGivenTwiceOrNotInLots() {
    assertThatThrownBy(() -> InternalNetting.net(List.of(sell("a/1/1/X", "1", "90000"), sell("a/1/1/X", "1",
        "90000")), MARK, LOT)).hasMessage("order a/1/1/X given twice");
    assertThatThrownBy(() -> InternalNetting.net(List.of(sell("a/1/1/X", "0.0005", "90000")), MARK, LOT))
        .hasMessage("order a/1/1/X is not a whole number of lots of 0.001");
  }
}
