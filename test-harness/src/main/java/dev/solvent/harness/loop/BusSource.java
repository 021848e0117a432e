package dev.solvent.harness.loop;

import dev.solvent.job.ingest.IngestDecoder;
import dev.solvent.job.ingest.Ingested;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * One bus topic as a FLIP-27 source: a single split read by subtask 0, its position checkpointed, values decoded by
 * the same {@link IngestDecoder} the Kafka and file sources use. Bounded: it ends once the bus is closed and read.
 */
final class BusSource implements Source<Ingested, BusSplit, Boolean> {

  private static final long serialVersionUID = 1L;

  private final String busId;
  private final IngestDecoder<?> decoder;

  BusSource(String busId, IngestDecoder<?> decoder) {
    this.busId = busId;
    this.decoder = decoder;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SourceReader<Ingested, BusSplit> createReader(SourceReaderContext context) {
    return new Reader(Bus.get(busId), decoder);
  }

  @Override
  public SplitEnumerator<BusSplit, Boolean> createEnumerator(SplitEnumeratorContext<BusSplit> context) {
    return new Enumerator(context, decoder.input().name(), false);
  }

  @Override
  public SplitEnumerator<BusSplit, Boolean> restoreEnumerator(SplitEnumeratorContext<BusSplit> context,
      Boolean assigned) {
    return new Enumerator(context, decoder.input().name(), assigned);
  }

  @Override
  public SimpleVersionedSerializer<BusSplit> getSplitSerializer() {
    return new BusSplit.Serializer();
  }

  @Override
  public SimpleVersionedSerializer<Boolean> getEnumeratorCheckpointSerializer() {
    return new SimpleVersionedSerializer<>() {
      @Override
      public int getVersion() {
        return 1;
      }

      @Override
      public byte[] serialize(Boolean assigned) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
          out.writeBoolean(assigned);
        }
        return bytes.toByteArray();
      }

      @Override
      public Boolean deserialize(int version, byte[] serialized) throws IOException {
        return new DataInputStream(new ByteArrayInputStream(serialized)).readBoolean();
      }
    };
  }

  /** Hands the split to subtask 0 once; a restored reader gets it back from its own state. */
  private static final class Enumerator implements SplitEnumerator<BusSplit, Boolean> {
    private final SplitEnumeratorContext<BusSplit> context;
    private final String topic;
    private final List<BusSplit> returned = new java.util.ArrayList<>();
    private boolean assigned;

    Enumerator(SplitEnumeratorContext<BusSplit> context, String topic, boolean assigned) {
      this.context = context;
      this.topic = topic;
      this.assigned = assigned;
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtask, String host) {}

    @Override
    public void addSplitsBack(List<BusSplit> splits, int subtask) {
      // A failed reader's split returns here before the restarted reader registers: hand it out again then.
      returned.addAll(splits);
    }

    @Override
    public void addReader(int subtask) {
      if (subtask == 0 && !assigned) {
        context.assignSplit(new BusSplit(topic, 0), 0);
        assigned = true;
      }
      if (subtask == 0) {
        returned.forEach(s -> context.assignSplit(s, 0));
        returned.clear();
      }
      context.signalNoMoreSplits(subtask);
    }

    @Override
    public Boolean snapshotState(long checkpointId) {
      return assigned;
    }

    @Override
    public void close() {}
  }

  private static final class Reader implements SourceReader<Ingested, BusSplit> {
    private final Bus bus;
    private final IngestDecoder<?> decoder;
    private final List<BusSplit> splits = new ArrayList<>();
    private boolean noMoreSplits;
    private CompletableFuture<Void> assignment = new CompletableFuture<>();

    Reader(Bus bus, IngestDecoder<?> decoder) {
      this.bus = bus;
      this.decoder = decoder;
    }

    @Override
    public void start() {}

    @Override
    public InputStatus pollNext(ReaderOutput<Ingested> output) {
      if (splits.isEmpty()) {
        return noMoreSplits ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
      }
      BusSplit split = splits.get(0);
      byte[] value = bus.read(split.topic(), split.next());
      if (value == null) {
        return bus.ended(split.topic(), split.next()) ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
      }
      output.collect(decoder.ingest(split.topic(), 0, split.next(), null, value, IngestDecoder.Format.AVRO));
      splits.set(0, new BusSplit(split.topic(), split.next() + 1));
      return InputStatus.MORE_AVAILABLE;
    }

    @Override
    public List<BusSplit> snapshotState(long checkpointId) {
      return List.copyOf(splits);
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
      if (splits.isEmpty()) {
        return assignment;
      }
      BusSplit split = splits.get(0);
      return bus.available(split.topic(), split.next());
    }

    @Override
    public void addSplits(List<BusSplit> added) {
      splits.addAll(added);
      assignment.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
      noMoreSplits = true;
      assignment.complete(null);
    }

    @Override
    public void close() {}
  }
}
