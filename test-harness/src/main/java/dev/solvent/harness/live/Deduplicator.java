package dev.solvent.harness.live;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The reference consumer's rule for {@code output.delivery=at-least-once} (README "Live"): it keeps each output
 * record the first time it arrives and drops the copies a restarted job re-emits.
 *
 * <p>Why this is exact. Every output record of a key is written by one keyed operator at an event-time timer, so per
 * topic and key the job emits records in non-decreasing event time (the Kafka record timestamp), and the same key
 * always lands on the same partition, where the idempotent producer keeps order. After a failure the job restarts
 * from its last checkpoint and re-emits, byte for byte, every record it had emitted since. Hence, per topic and key,
 * with {@code last} the newest event time kept so far: a record older than {@code last} was kept before (the first
 * run reached {@code last} only after emitting it); a record at {@code last} is new unless its bytes equal one kept at
 * {@code last} (two records of one key at one instant are never byte-identical: the outputs carry their sequence, ids
 * or contents that differ); a newer record is new. Memory: one instant's digests per key.
 */
public final class Deduplicator {

  private record Latest(long time, Set<ByteBuffer> digests) {}

  private final Map<String, Latest> latest = new HashMap<>();
  private final MessageDigest sha256;
  private long kept;
  private long dropped;

  public Deduplicator() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** True the first time a record arrives; false for a copy re-emitted after a restart. */
  public boolean keep(String topic, byte[] key, long timestamp, byte[] value) {
    String id = topic + '\u0000' + new String(key == null ? new byte[0] : key, StandardCharsets.UTF_8);
    Latest last = latest.get(id);
    if (last != null && timestamp < last.time()) {
      dropped++;
      return false;
    }
    ByteBuffer digest = ByteBuffer.wrap(sha256.digest(value));
    if (last == null || timestamp > last.time()) {
      Set<ByteBuffer> digests = new HashSet<>();
      digests.add(digest);
      latest.put(id, new Latest(timestamp, digests));
    } else if (!last.digests().add(digest)) {
      dropped++;
      return false;
    }
    kept++;
    return true;
  }

  public long kept() {
    return kept;
  }

  public long dropped() {
    return dropped;
  }
}
