package dev.solvent.risk.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

  @Test
  void requirementsRoundUpAndEntitlementsRoundDown() {
    assertThat(Money.requirement(100.000000001)).isEqualByComparingTo("100.00000001");
    assertThat(Money.entitlement(100.000000009)).isEqualByComparingTo("100.00000000");
    assertThat(Money.requirement(0.1).scale()).isEqualTo(Money.SCALE);
  }

  /** An account a hair under water can never round itself back to a passing check. */
  @Test
  void anUnderwaterAccountNeverPassesByRounding() {
    double equity = -1e-12;
    double maintenance = 1e-12;
    assertThat(Money.entitlement(equity)).isEqualByComparingTo("-0.00000001");
    assertThat(Money.requirement(maintenance)).isEqualByComparingTo("0.00000001");
    assertThat(Money.entitlement(equity)).isLessThan(Money.requirement(maintenance));
    assertThat(Money.entitlement(0.999999999)).isLessThan(Money.requirement(1.0));
  }

  @Test
  void refusesNonFiniteAmounts() {
    assertThatThrownBy(() -> Money.requirement(Double.NaN)).isInstanceOf(ArithmeticException.class);
  }
}
