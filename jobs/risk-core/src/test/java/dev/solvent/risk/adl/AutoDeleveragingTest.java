package dev.solvent.risk.adl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.solvent.risk.ledger.Payoff;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoDeleveragingTest {

  /**
   * Binance "Auto-Deleveraging (ADL)": ranking = PnL% × effective leverage when profitable; PnL% = (mark − entry) /
   * entry; effective leverage = mark value / (mark value − bankrupt value). A short from 110 with mark 100 and
   * bankruptcy 120: PnL% = 10/110, effective leverage = 100/20 = 5, score = 0.4545.
   */
  @Test
  void scoreIsPnlPercentTimesEffectiveLeverage() {
    AdlCandidate shortWinner = new AdlCandidate("a", "BTC-PERP", -2, 110, 100, 120);
    assertThat(shortWinner.pnlFraction()).isCloseTo(10.0 / 110, within(1e-12));
    assertThat(shortWinner.effectiveLeverage()).isCloseTo(5, within(1e-12));
    assertThat(shortWinner.rankingScore()).isCloseTo(50.0 / 110, within(1e-12));
    AdlCandidate loser = new AdlCandidate("b", "BTC-PERP", -2, 90, 100, 120);
    assertThat(loser.rankingScore()).isCloseTo((-10.0 / 90) / 5, within(1e-12));
  }

  @Test
  void allocatesTheBankruptQuantityToTheTopRankedOpposingWinnersInWholeLots() {
    List<AdlCandidate> positions = List.of(
        new AdlCandidate("low-lev", "BTC-PERP", -5, 110, 100, 200),   // 0.0909 × 1 = 0.0909
        new AdlCandidate("high-lev", "BTC-PERP", -1.5, 110, 100, 105), // 0.0909 × 20 = 1.818
        new AdlCandidate("mid", "BTC-PERP", -3, 105, 100, 110),        // 0.0476 × 10 = 0.476
        new AdlCandidate("loser", "BTC-PERP", -10, 95, 100, 150),      // not profitable
        new AdlCandidate("same-side", "BTC-PERP", 10, 90, 100, 50));   // long, same side as bankrupt

    List<AdlAllocation> allocations = AutoDeleveraging.allocate(positions, 1, 3.2, 97, 0.1);

    assertThat(allocations).extracting(a -> a.candidate().accountId()).containsExactly("high-lev", "mid");
    assertThat(allocations.get(0).quantity()).isCloseTo(1.5, within(1e-9));
    assertThat(allocations.get(1).quantity()).isCloseTo(1.7, within(1e-9));
    assertThat(allocations).allSatisfy(a -> assertThat(a.price()).isEqualTo(97));
    assertThat(allocations.stream().mapToDouble(AdlAllocation::quantity).sum()).isCloseTo(3.2, within(1e-9));
  }

  @Test
  void shortfallConvertsToTheQuantityTheFundCouldNotTakeOver() {
    assertThat(AutoDeleveraging.quantityForShortfall(5_000, 95_000, 97_000, 1, Payoff.LINEAR))
        .isCloseTo(2.5, within(1e-12));
  }

  @Test
  void anInverseShortfallInTheCoinConvertsAtTheCoinLossPerContract() {
    // 100 USD contracts, bankrupt at 97,000 with the mark at 95,000: each contract the fund takes over loses
    // 100 × (1/95,000 − 1/97,000) = 100 × 2,000 / (95,000 × 97,000) BTC, so a 0.01 BTC shortfall is
    // 0.01 × 95,000 × 97,000 / 200,000 = 460.75 contracts.
    assertThat(AutoDeleveraging.quantityForShortfall(0.01, 95_000, 97_000, 100, Payoff.INVERSE))
        .isCloseTo(460.75, within(1e-9));
  }
}
