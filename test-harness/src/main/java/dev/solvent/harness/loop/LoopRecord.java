package dev.solvent.harness.loop;

import dev.solvent.schema.JsonFormat;
import dev.solvent.schema.Topic;
import dev.solvent.schema.Topics;
import java.util.Comparator;
import org.apache.avro.specific.SpecificRecord;

/** One record of a topic at its event time, in or out of the job; its canonical JSON is computed once, on demand. */
public final class LoopRecord {

  /** Event time, then topic, then key, then the canonical JSON: a total order independent of arrival. */
  public static final Comparator<LoopRecord> CANONICAL = Comparator.comparingLong(LoopRecord::time)
      .thenComparingInt(LoopRecord::topicRank).thenComparing(LoopRecord::key).thenComparing(LoopRecord::json);

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

  private int topicRank() {
    return Topics.ALL.indexOf(Topics.byName(topic));
  }

  @Override
  public String toString() {
    return topic + "@" + time + " " + json();
  }
}
