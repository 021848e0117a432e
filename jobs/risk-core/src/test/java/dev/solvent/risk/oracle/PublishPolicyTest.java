package dev.solvent.risk.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The push-oracle publication rule of Chainlink Data Feeds ("Data Feeds: deviation threshold and heartbeat": a new
 * answer when the off-chain value deviates from the on-chain one by more than the threshold, or when the heartbeat
 * has elapsed since the last update), plus a publication whenever the price becomes stale or live again.
 *
 * <p>Thresholds are powers of two so that "exactly at the threshold" is exact in binary: 129 / 128 − 1 = 1/128.
 */
class PublishPolicyTest {

  private static final long LAST = 1_000_000;
  private static final long HEARTBEAT = 60_000;
  private static final double THRESHOLD = 1.0 / 128; // 0.78125%, between Chainlink's usual 0.5% and 1%
  private final PublishPolicy policy = new PublishPolicy(THRESHOLD, HEARTBEAT);

  @Test
  void firstPriceIsAlwaysPublished() {
    assertThat(policy.reason(true, Double.NaN, 0, false, 128, false, LAST)).isEqualTo(PublishReason.FIRST);
    assertThat(policy.reason(true, Double.NaN, 0, true, Double.NaN, true, LAST)).isEqualTo(PublishReason.FIRST);
  }

  @Test
  void becomingStaleOrLiveAgainIsPublishedBeforeAnyDeviation() {
    assertThat(policy.reason(false, 128, LAST, false, 128, true, LAST + 1)).isEqualTo(PublishReason.STALENESS_CHANGE);
    assertThat(policy.reason(false, 128, LAST, true, 128, false, LAST + 1)).isEqualTo(PublishReason.STALENESS_CHANGE);
    // A 50% move that also goes stale is reported as the staleness change.
    assertThat(policy.reason(false, 128, LAST, false, 192, true, LAST + 1)).isEqualTo(PublishReason.STALENESS_CHANGE);
  }

  @Test
  void moveStrictlyBeyondTheThresholdIsADeviation() {
    assertThat(policy.reason(false, 128, LAST, false, 129.01, false, LAST + 1)).isEqualTo(PublishReason.DEVIATION);
    assertThat(policy.reason(false, 128, LAST, false, 126.99, false, LAST + 1)).isEqualTo(PublishReason.DEVIATION);
  }

  @Test
  void moveExactlyAtTheThresholdStaysSilent() {
    // 129 / 128 − 1 = +1/128 and 127 / 128 − 1 = −1/128: at the threshold, not beyond it.
    assertThat(policy.reason(false, 128, LAST, false, 129, false, LAST + 1)).isNull();
    assertThat(policy.reason(false, 128, LAST, false, 127, false, LAST + 1)).isNull();
  }

  @Test
  void heartbeatPublishesAnUnchangedPriceOnceItHasElapsed() {
    assertThat(policy.reason(false, 128, LAST, false, 128, false, LAST + HEARTBEAT - 1)).isNull();
    assertThat(policy.reason(false, 128, LAST, false, 128, false, LAST + HEARTBEAT))
        .isEqualTo(PublishReason.HEARTBEAT);
    // A deviation due at the heartbeat is reported as the deviation.
    assertThat(policy.reason(false, 128, LAST, false, 130, false, LAST + HEARTBEAT))
        .isEqualTo(PublishReason.DEVIATION);
  }

  @Test
  void aStalePriceWithoutAnIndexOnlyHeartbeats() {
    // No index (NaN) on either side: no deviation can be measured; only the heartbeat publishes.
    assertThat(policy.reason(false, Double.NaN, LAST, true, Double.NaN, true, LAST + 1)).isNull();
    assertThat(policy.reason(false, 128, LAST, true, Double.NaN, true, LAST + 1)).isNull();
    assertThat(policy.reason(false, Double.NaN, LAST, true, Double.NaN, true, LAST + HEARTBEAT))
        .isEqualTo(PublishReason.HEARTBEAT);
  }
}
