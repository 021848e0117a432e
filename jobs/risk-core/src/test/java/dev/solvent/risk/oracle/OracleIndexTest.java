package dev.solvent.risk.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The index as the README's oracle stage defines it ("oracle": median of live sources, outliers beyond
 * `oracle.outlier-band` and sources silent beyond `oracle.staleness-ms` dropped, stale under `oracle.min-sources`),
 * with its defaults: 10 s, 2%, 2 sources. The median is what Chainlink's off-chain reporting takes of its nodes'
 * observations, robust to a minority of bad sources; every expected index below is the median worked out by hand.
 */
class OracleIndexTest {

  private static final long NOW = 1_760_054_400_000L;
  private static final double TOLERANCE_PRICE = 1e-9;
  private final OracleIndex index = new OracleIndex(10_000, 0.02, 2);

  private static SourceQuote quote(String source, double price, long ageMillis) {
    return new SourceQuote(source, price, NOW - ageMillis, Double.NaN, Double.NaN);
  }

  private static SourceQuote quote(String source, double price, long ageMillis, double bidDepth, double askDepth) {
    return new SourceQuote(source, price, NOW - ageMillis, bidDepth, askDepth);
  }

  @Test
  void indexIsTheMedianOfTheLiveSources() {
    // Odd count: the middle one; even count: the mean of the two middle ones, (100 + 100.5) / 2.
    var odd = index.compute(List.of(quote("a", 100, 0), quote("b", 101, 0), quote("c", 99.5, 0)), NOW);
    assertThat(odd.index()).isCloseTo(100, within(TOLERANCE_PRICE));
    assertThat(odd.liveSources()).isEqualTo(3);
    assertThat(odd.stale()).isFalse();
    var even = index.compute(List.of(quote("a", 100, 0), quote("b", 101, 0), quote("c", 99.5, 0),
        quote("d", 100.5, 0)), NOW);
    assertThat(even.index()).isCloseTo(100.25, within(TOLERANCE_PRICE));
  }

  @Test
  void sourceSilentForLongerThanTheLimitIsStale() {
    // Silent exactly 10 s is still live ("longer than" the limit is stale); 10.001 s is not.
    var result = index.compute(List.of(quote("a", 100, 10_000), quote("b", 102, 10_001), quote("c", 101, 0)), NOW);
    assertThat(result.statuses()).containsExactly(SourceStatus.LIVE, SourceStatus.STALE, SourceStatus.LIVE);
    assertThat(result.index()).isCloseTo(100.5, within(TOLERANCE_PRICE));
    assertThat(result.liveSources()).isEqualTo(2);
    assertThat(result.stale()).as("two live sources are the minimum, not fewer").isFalse();
    assertThat(result.sourceTime()).as("the newest live observation").isEqualTo(NOW);
  }

  @Test
  void sourceOutsideTheBandAroundTheMedianIsAnOutlierAndDropped() {
    // Fresh: 100, 101, 102, 130; first median (101 + 102) / 2 = 101.5. 130 / 101.5 − 1 = 28% > 2%: outlier;
    // 100 / 101.5 − 1 = −1.48% and 102 / 101.5 − 1 = 0.49% stay. Index: median of 100, 101, 102 = 101.
    var result = index.compute(List.of(quote("d", 130, 0), quote("a", 100, 1_000), quote("e", 99, 20_000),
        quote("c", 102, 3_000), quote("b", 101, 2_000)), NOW);
    assertThat(result.index()).isCloseTo(101, within(TOLERANCE_PRICE));
    assertThat(result.quotes()).extracting(SourceQuote::source).as("by source").containsExactly("a", "b", "c", "d",
        "e");
    assertThat(result.statuses()).containsExactly(SourceStatus.LIVE, SourceStatus.LIVE, SourceStatus.LIVE,
        SourceStatus.OUTLIER, SourceStatus.STALE);
    assertThat(result.liveSources()).isEqualTo(3);
    assertThat(result.sourceTime()).as("a, 1 s old: the outlier's fresher quote does not count").isEqualTo(
        NOW - 1_000);
  }

  @Test
  void aSourceExactlyOnTheBandStaysLive() {
    // Powers of two keep the ratio exact: 65 / 64 − 1 = 1/64 = the band, not beyond it.
    OracleIndex exact = new OracleIndex(10_000, 1.0 / 64, 2);
    var onTheBand = exact.compute(List.of(quote("a", 64, 0), quote("b", 64, 0), quote("c", 65, 0)), NOW);
    assertThat(onTheBand.statuses()).containsExactly(SourceStatus.LIVE, SourceStatus.LIVE, SourceStatus.LIVE);
    var beyond = exact.compute(List.of(quote("a", 64, 0), quote("b", 64, 0), quote("c", 65.001, 0)), NOW);
    assertThat(beyond.statuses()).containsExactly(SourceStatus.LIVE, SourceStatus.LIVE, SourceStatus.OUTLIER);
    assertThat(beyond.liveSources()).isEqualTo(2);
  }

  @Test
  void fewerLiveSourcesThanTheMinimumMakeTheIndexStale() {
    var result = index.compute(List.of(quote("a", 100, 0), quote("b", 101, 60_000), quote("c", 99, 60_000)), NOW);
    assertThat(result.liveSources()).isEqualTo(1);
    assertThat(result.stale()).isTrue();
    assertThat(result.index()).as("still the one live price, for display").isCloseTo(100, within(TOLERANCE_PRICE));
  }

  @Test
  void noLiveSourceLeavesNoIndex() {
    var result = index.compute(List.of(quote("a", 100, 60_000), quote("b", 101, 60_000)), NOW);
    assertThat(result.index()).isNaN();
    assertThat(result.stale()).isTrue();
    assertThat(result.liveSources()).isZero();
    assertThat(result.sourceTime()).isEqualTo(Long.MIN_VALUE);
    assertThat(result.statuses()).containsOnly(SourceStatus.STALE);
    assertThat(result.bidDepth2Pct()).isNaN();
  }

  @Test
  void depthIsTheMedianOverTheLiveSourcesThatReportIt() {
    // Live a, b, c report 1,000,000 / 3,000,000 / none bid depth and 2,000,000 / none / none ask depth; the outlier's
    // 9,000,000 is not counted. Bid: (1,000,000 + 3,000,000) / 2; ask: 2,000,000.
    var result = index.compute(List.of(quote("a", 100, 0, 1_000_000, 2_000_000), quote("b", 101, 0, 3_000_000,
        Double.NaN), quote("c", 100.5, 0, Double.NaN, Double.NaN), quote("d", 150, 0, 9_000_000, 9_000_000)), NOW);
    assertThat(result.statuses()).containsExactly(SourceStatus.LIVE, SourceStatus.LIVE, SourceStatus.LIVE,
        SourceStatus.OUTLIER);
    assertThat(result.bidDepth2Pct()).isCloseTo(2_000_000, within(TOLERANCE_PRICE));
    assertThat(result.askDepth2Pct()).isCloseTo(2_000_000, within(TOLERANCE_PRICE));
  }
}
