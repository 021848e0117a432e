package dev.solvent.risk.margin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.solvent.risk.pricing.OptionType;
import org.junit.jupiter.api.Test;

/** Deribit Knowledge Base, "Inverse Options Margin": IM = max(0.15 − OTM/S, 0.1) + mark; MM = 0.075 + mark. */
class StandardOptionMarginTest {

  private final StandardOptionMargin deribit = StandardOptionMargin.DERIBIT;

  @Test
  void atTheMoneyShortCallNeeds15PercentOfTheUnderlyingPlusItsMark() {
    assertThat(deribit.initialPerUnit(OptionType.CALL, 40_000, 40_000, 2_000)).isCloseTo(8_000, within(1e-9));
    assertThat(deribit.maintenancePerUnit(OptionType.CALL, 40_000, 40_000, 2_000)).isCloseTo(5_000, within(1e-9));
  }

  @Test
  void outOfTheMoneyAmountLowersTheRateDownToTheFloor() {
    // 2,000 OTM on 40,000: 0.15 − 0.05 = 0.10 of the underlying.
    assertThat(deribit.initialPerUnit(OptionType.CALL, 40_000, 42_000, 800)).isCloseTo(4_800, within(1e-9));
    // 12,000 OTM: 0.15 − 0.30 < 0.10, the floor holds.
    assertThat(deribit.initialPerUnit(OptionType.CALL, 40_000, 52_000, 50)).isCloseTo(4_050, within(1e-9));
    assertThat(deribit.initialPerUnit(OptionType.PUT, 40_000, 36_000, 300)).isCloseTo(4_300, within(1e-9));
  }

  @Test
  void aShortPutNeverNeedsMoreThanItsStrike() {
    assertThat(deribit.initialPerUnit(OptionType.PUT, 40_000, 3_000, 1)).isEqualTo(3_000);
    assertThat(deribit.maintenancePerUnit(OptionType.PUT, 40_000, 2_000, 1)).isEqualTo(2_000);
  }
}
