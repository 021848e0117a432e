package dev.solvent.harness.loop;

import dev.solvent.schema.JsonFormat;
import dev.solvent.schema.Topic;
import dev.solvent.schema.Topics;
import java.util.Comparator;
import org.apache.avro.specific.SpecificRecord;

/** One record of a topic at its event time, in or out of the job; its canonical JSON is computed once, on demand. */
public final class LoopRecord {

  /**
   * Event time, then topic, then key, then the record's own sequence number (ledger entries, margin updates), then
   * the canonical JSON: a total order independent of arrival that keeps each key's sequence in order.
   */
  public static final Comparator<LoopRecord> CANONICAL = Comparator.comparingLong(LoopRecord::time)
      .thenComparingInt(LoopRecord::topicRank).thenComparing(LoopRecord::key).thenComparingLong(LoopRecord::sequence)
      .thenComparing(LoopRecord::json);

  private final String topic;
  private final long time;
  private final SpecificRecord record;
  private String json;
  private String key;

  public LoopRecord(String topic, long time, SpecificRecord record) {
    this.topic = topic;
    this.time = time;
    this.record = record;
  }

  public String topic() {
    return topic;
  }

  public long time() {
    return time;
  }

  public SpecificRecord record() {
    return record;
  }

  public String json() {
    if (json == null) {
      json = JsonFormat.write(record);
    }
    return json;
  }

  @SuppressWarnings("unchecked")
  public String key() {
    if (key == null) {
      String k = ((Topic<SpecificRecord>) Topics.byName(topic)).key(record);
      key = k == null ? "" : k;
    }
    return key;
  }

  private long sequence() {
    var field = record.getSchema().getField("sequence");
    return field != null && record.get(field.pos()) instanceof Long n ? n : 0;
  }

  private int topicRank() {
    return Topics.ALL.indexOf(Topics.byName(topic));
  }

  @Override
  public String toString() {
    return topic + "@" + time + " " + json();
  }
}
