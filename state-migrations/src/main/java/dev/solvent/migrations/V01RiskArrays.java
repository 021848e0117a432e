package dev.solvent.migrations;

import dev.solvent.avro.instruments.Instrument;
import dev.solvent.job.Stage;
import dev.solvent.job.common.EventTimeBuffer;
import dev.solvent.job.model.RiskArrayStageInput;
import dev.solvent.job.riskarrays.RiskArraysFunction;
import dev.solvent.job.riskarrays.UnderlyingMemory;
import dev.solvent.job.state.CodecSerializer;
import dev.solvent.job.state.RiskArrayStageInputCodec;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.DoubleSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.util.Collector;

/**
 * The risk-array stage from v0.1: inputs from the tagged v0.1 UnderlyingInput to the sealed stage input, the memory in
 * a codec; the specs (Avro, Flink's Avro serializer) and the vols carry over as they are.
 */
final class V01RiskArrays {

  private static final CodecSerializer<UnderlyingMemory> MEMORY =
      new CodecSerializer<>(RiskArrayStageInputCodec.MemoryCodec.INSTANCE);
  private static final CodecSerializer<RiskArrayStageInput> INPUTS =
      new CodecSerializer<>(RiskArrayStageInputCodec.INSTANCE);

  private V01RiskArrays() {}

  /** Flink's Avro serializer for specs: not thread-safe, so one per reader and writer. */
  private static TypeSerializer<Instrument> specSerializer() {
    return TypeInformation.of(Instrument.class).createSerializer(new SerializerConfigImpl());
  }

  static StageMigration migration() {
    return new StageMigration(Stage.RISK_ARRAYS, 1, new Reader(), new Writer(), List.of(
        "inputs (v0.1 UnderlyingInput, int-tagged) -> inputs (codec risk-array-stage-input v1): spec, vol or price",
        "memory (UnderlyingMemory, POJO) -> memory (codec underlying-memory v1)",
        "specs (Avro) and vols: unchanged", "timers user-timers: unchanged"));
  }

  static final class Reader extends KeyedStateReaderFunction<String, KeyedImage> {
    private static final long serialVersionUID = 1L;
    private transient V01Buffer<dev.solvent.job.model.UnderlyingInput> inputs;
    private transient MapState<String, Instrument> specs;
    private transient MapState<String, Double> vols;
    private transient ValueState<UnderlyingMemory> memory;
    private transient TypeSerializer<Instrument> specSerializer;

    @Override
    public void open(OpenContext context) {
      specSerializer = specSerializer();
      inputs = new V01Buffer<>(getRuntimeContext(), "inputs",
          TypeInformation.of(dev.solvent.job.model.UnderlyingInput.class));
      specs = getRuntimeContext().getMapState(RiskArraysFunction.SPECS);
      vols = getRuntimeContext().getMapState(RiskArraysFunction.VOLS);
      memory = getRuntimeContext().getState(new ValueStateDescriptor<>("memory", UnderlyingMemory.class));
    }

    @Override
    public void readKey(String key, Context ctx, Collector<KeyedImage> out) throws Exception {
      List<String> specIds = new ArrayList<>();
      List<Instrument> specValues = new ArrayList<>();
      for (var entry : specs.entries()) {
        specIds.add(entry.getKey());
        specValues.add(entry.getValue());
      }
      List<String> volIds = new ArrayList<>();
      List<Double> volValues = new ArrayList<>();
      for (var entry : vols.entries()) {
        volIds.add(entry.getKey());
        volValues.add(entry.getValue());
      }
      var buffered = inputs.all();
      out.collect(new KeyedImage(key, new Image.Writer()
          .list(StringSerializer.INSTANCE, specIds).list(specSerializer, specValues)
          .list(StringSerializer.INSTANCE, volIds).list(DoubleSerializer.INSTANCE, volValues)
          .value(MEMORY, memory.value())
          .longs(buffered.stream().map(V01Buffer.Buffered::time).toList())
          .list(INPUTS, buffered.stream().map(b -> convert(b.input())).toList())
          .longs(ctx.registeredEventTimeTimers()).bytes()));
    }
  }

  /** v0.1 tagged its inputs 0 spec, 1 vol, 2 oracle price. */
  static RiskArrayStageInput convert(dev.solvent.job.model.UnderlyingInput in) {
    return switch (in.order()) {
      case 0 -> new RiskArrayStageInput.Spec(in.underlying(), in.time(), in.spec());
      case 1 -> new RiskArrayStageInput.Vol(in.underlying(), in.time(), in.vol());
      case 2 -> new RiskArrayStageInput.Oracle(in.underlying(), in.time(), in.oracle());
      default -> throw new IllegalArgumentException("a v0.1 risk-array input tagged " + in.order());
    };
  }

  static final class Writer implements ImageWriter.Stage {
    private static final long serialVersionUID = 1L;
    private transient MapState<String, Instrument> specs;
    private transient MapState<String, Double> vols;
    private transient ValueState<UnderlyingMemory> memory;
    private transient EventTimeBuffer<RiskArrayStageInput> inputs;
    private transient InternalTimerService<VoidNamespace> timers;
    private transient TypeSerializer<Instrument> specSerializer;

    @Override
    public void open(ImageWriter operator) {
      specSerializer = specSerializer();
      specs = operator.getRuntimeContext().getMapState(RiskArraysFunction.SPECS);
      vols = operator.getRuntimeContext().getMapState(RiskArraysFunction.VOLS);
      memory = operator.getRuntimeContext().getState(RiskArraysFunction.MEMORY);
      inputs = RiskArraysFunction.inputBuffer(operator.getRuntimeContext());
      timers = operator.timers("user-timers", VoidNamespaceSerializer.INSTANCE);
    }

    @Override
    public void write(ImageWriter operator, KeyedImage image) throws Exception {
      Image.Reader in = new Image.Reader(image.bytes());
      List<String> specIds = in.list(StringSerializer.INSTANCE);
      List<Instrument> specValues = in.list(specSerializer);
      for (int i = 0; i < specIds.size(); i++) {
        specs.put(specIds.get(i), specValues.get(i));
      }
      List<String> volIds = in.list(StringSerializer.INSTANCE);
      List<Double> volValues = in.list(DoubleSerializer.INSTANCE);
      for (int i = 0; i < volIds.size(); i++) {
        vols.put(volIds.get(i), volValues.get(i));
      }
      UnderlyingMemory remembered = in.value(MEMORY);
      if (remembered != null) {
        memory.update(remembered);
      }
      List<Long> times = in.longs();
      List<RiskArrayStageInput> buffered = in.list(INPUTS);
      for (int i = 0; i < times.size(); i++) {
        inputs.add(times.get(i), buffered.get(i), time -> { });
      }
      for (long time : in.longs()) {
        timers.registerEventTimeTimer(VoidNamespace.INSTANCE, time);
      }
    }
  }
}
