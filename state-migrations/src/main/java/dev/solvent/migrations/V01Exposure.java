package dev.solvent.migrations;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * The exposure stage of v0.1, gone since the trigger index: who holds what is the account stage's own business now.
 * What it still owed the account stage, the price ticks buffered until its watermark passed them, becomes the
 * account stage's unchecked prices; the holders are dropped.
 */
final class V01Exposure {

  /** The v0.1 operator's UID. */
  static final String UID = "exposure";

  private V01Exposure() {}

  /** The times of the price ticks buffered in the v0.1 exposure stage (not yet turned into revaluations). */
  static Set<Long> pendingTicks(String in, Configuration batch) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(batch);
    SavepointReader reader = SavepointReader.read(env, in, new HashMapStateBackend());
    Set<Long> times = new TreeSet<>();
    try (var it = reader.readKeyedState(OperatorIdentifier.forUid(UID), new Reader(), Types.STRING,
        PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO).executeAndCollect()) {
      it.forEachRemaining(perKey -> Arrays.stream(perKey).forEach(times::add));
    }
    return times;
  }

  /** One array per key, empty or not: the State Processor API's reader must emit something for every key. */
  static final class Reader extends KeyedStateReaderFunction<String, long[]> {
    private static final long serialVersionUID = 1L;
    private transient V01Buffer<dev.solvent.job.model.ExposureInput> inputs;

    @Override
    public void open(OpenContext context) {
      inputs = new V01Buffer<>(getRuntimeContext(), "inputs",
          TypeInformation.of(dev.solvent.job.model.ExposureInput.class));
      // Registered so the restore finds every state of the operator; its holders are not carried over.
      getRuntimeContext().getMapState(new MapStateDescriptor<>("holders", Types.STRING,
          TypeInformation.of(dev.solvent.job.exposure.Holding.class)));
    }

    @Override
    public void readKey(String key, Context ctx, Collector<long[]> out) throws Exception {
      out.collect(inputs.all().stream().filter(b -> b.input().tick() != null).mapToLong(V01Buffer.Buffered::time)
          .toArray());
    }
  }
}
