package dev.solvent.job.metrics;

import dev.solvent.avro.deadletter.DeadLetter;
import dev.solvent.avro.deadletter.DeadLetterReason;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/** dead.letters: rejected input records by reason. */
public final class DeadLetterMeter implements Meter<DeadLetter> {

  private static final long serialVersionUID = 1L;
  private transient Map<DeadLetterReason, Counter> letters;

  @Override
  public void register(MetricGroup solvent) {
    letters = EnumCounters.register(solvent, "reason", DeadLetterReason.class, "dead_letters");
  }

  @Override
  public void observe(DeadLetter letter) {
    letters.get(letter.getReason()).inc();
  }
}
