package dev.solvent.job.account;

import dev.solvent.job.model.RiskArraySet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which versions of an underlying's risk arrays the account stage keeps: what a buffered account event may still
 * need. That is every version within the retention before the operator's watermark (not before the newest set: in a
 * replay the prices run ahead of the account events, and pruning by the newest set would drop the versions the
 * earliest events need), the one before them, and the new one; oldest first.
 */
final class RiskArrayVersions {

  private RiskArrayVersions() {}

  static RiskArraySet[] add(RiskArraySet[] versions, RiskArraySet set, long watermark, long retentionMillis) {
    List<RiskArraySet> kept = new ArrayList<>();
    long mark = Math.min(set.time(), watermark);
    long horizon = mark == Long.MIN_VALUE ? Long.MIN_VALUE : mark - retentionMillis;
    RiskArraySet lastBefore = null;
    for (RiskArraySet v : versions == null ? new RiskArraySet[0] : versions) {
      if (v.time() >= horizon) {
        kept.add(v);
      } else {
        lastBefore = v;
      }
    }
    if (lastBefore != null) {
      kept.add(0, lastBefore);
    }
    kept.add(set);
    kept.sort(Comparator.comparingLong(RiskArraySet::time));
    return kept.toArray(RiskArraySet[]::new);
  }
}
