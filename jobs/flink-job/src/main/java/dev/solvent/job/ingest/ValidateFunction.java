package dev.solvent.job.ingest;

import dev.solvent.avro.deadletter.DeadLetter;
import dev.solvent.avro.deadletter.DeadLetterReason;
import dev.solvent.job.model.Rejected;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * VALIDATE stage, chained to its source: decodes each input record, applies the per-partition {@link AcceptanceRule}
 * and the topic's {@link InputRules}, drops heartbeats (their work, moving watermarks, is done) and sends every
 * rejected record to the dead-letter side output with its coordinates and reason. The rule's per-partition progress
 * is union operator state, so a restore or a rescale decides exactly as an uninterrupted run.
 */
public final class ValidateFunction<T extends SpecificRecord, OUT> extends ProcessFunction<Ingested, OUT>
    implements CheckpointedFunction {

  private static final long serialVersionUID = 1L;

  /** Output of validated records: the record and where it came from. */
  public interface Wrapper<T, OUT> extends java.io.Serializable {
    OUT wrap(T record, SourceRef source);
  }

  private final IngestDecoder<T> decoder;
  private final AcceptanceRule rule;
  private final OutputTag<Rejected> rejected;
  private final Wrapper<T, OUT> wrapper;
  private transient Map<String, Long> latestAccepted;
  private transient ListState<PartitionProgress> progressState;

  public ValidateFunction(IngestDecoder<T> decoder, AcceptanceRule rule, OutputTag<Rejected> rejected,
      Wrapper<T, OUT> wrapper) {
    this.decoder = decoder;
    this.rule = rule;
    this.rejected = rejected;
    this.wrapper = wrapper;
  }

  @Override
  public void processElement(Ingested in, Context ctx, Collector<OUT> out) {
    String partition = in.topic() + "#" + in.partition();
    long latest = latestAccepted.getOrDefault(partition, AcceptanceRule.NONE);
    if (in.failed()) {
      reject(ctx, in, latest, DeadLetterReason.valueOf(in.errorReason()), in.errorDetail(), null);
      return;
    }
    String late = rule.reject(latest, in.eventTime());
    if (late != null) {
      reject(ctx, in, latest, DeadLetterReason.LATE, late, in.eventTime());
      return;
    }
    latestAccepted.put(partition, rule.advance(latest, in.eventTime()));
    T record = decoder.decode(in);
    if (decoder.input().isHeartbeat(record)) {
      return;
    }
    Violation violation = InputRules.check(record);
    if (violation != null) {
      reject(ctx, in, in.eventTime(), violation.reason(), violation.detail(), in.eventTime());
      return;
    }
    out.collect(wrapper.wrap(record, in.source()));
  }

  /**
   * A dead letter is ordered downstream at {@code time}: the partition's latest accepted event time, which no
   * downstream watermark has passed yet, so its position in the dead-letter topic is the same in every run.
   */
  private void reject(Context ctx, Ingested in, long time, DeadLetterReason reason, String detail, Long eventTime) {
    DeadLetter letter = DeadLetter.newBuilder()
        .setSourceTopic(in.topic())
        .setPartition(in.partition())
        .setOffset(in.offset())
        .setEventTime(eventTime == null ? null : Instant.ofEpochMilli(eventTime))
        .setReason(reason)
        .setDetail(detail)
        .setKey(in.key() == null ? null : ByteBuffer.wrap(in.key()))
        .setValue(ByteBuffer.wrap(in.value()))
        .setValueSize(in.valueSize())
        .build();
    ctx.output(rejected, new Rejected(time == AcceptanceRule.NONE ? 0 : time, letter));
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    progressState.clear();
    for (var entry : latestAccepted.entrySet()) {
      progressState.add(new PartitionProgress(entry.getKey(), entry.getValue()));
    }
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    progressState = context.getOperatorStateStore().getUnionListState(
        new ListStateDescriptor<>("partition-progress", PartitionProgress.class));
    latestAccepted = new HashMap<>();
    for (PartitionProgress progress : progressState.get()) {
      latestAccepted.merge(progress.partition(), progress.latestAccepted(), Math::max);
    }
  }

  /** The latest accepted event time of one partition ("topic#partition"). */
  public record PartitionProgress(String partition, long latestAccepted) {}
}
