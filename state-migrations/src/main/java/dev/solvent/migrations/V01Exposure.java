package dev.solvent.migrations;

import dev.solvent.job.Stage;
import dev.solvent.job.common.EventTimeBuffer;
import dev.solvent.job.exposure.ExposureFunction;
import dev.solvent.job.exposure.Holding;
import dev.solvent.job.model.ExposureStageInput;
import dev.solvent.job.state.CodecSerializer;
import dev.solvent.job.state.ExposureStageInputCodec;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.util.Collector;

/** The exposure stage from v0.1: holders and buffered inputs in codecs, inputs as the sealed stage input. */
final class V01Exposure {

  private static final CodecSerializer<Holding> HOLDINGS =
      new CodecSerializer<>(ExposureStageInputCodec.HoldingCodec.INSTANCE);
  private static final CodecSerializer<ExposureStageInput> INPUTS =
      new CodecSerializer<>(ExposureStageInputCodec.INSTANCE);

  private V01Exposure() {}

  static StageMigration migration() {
    return new StageMigration(Stage.EXPOSURE, 1, new Reader(), new Writer(), List.of(
        "holders (Holding, POJO) -> holders (codec holding v1)",
        "inputs (v0.1 ExposureInput, nullable pair) -> inputs (codec exposure-stage-input v1): change or tick",
        "timers user-timers: unchanged"));
  }

  static final class Reader extends KeyedStateReaderFunction<String, KeyedImage> {
    private static final long serialVersionUID = 1L;
    private transient V01Buffer<dev.solvent.job.model.ExposureInput> inputs;
    private transient MapState<String, Holding> holders;

    @Override
    public void open(OpenContext context) {
      inputs = new V01Buffer<>(getRuntimeContext(), "inputs",
          TypeInformation.of(dev.solvent.job.model.ExposureInput.class));
      holders = getRuntimeContext().getMapState(new MapStateDescriptor<>("holders", Types.STRING,
          TypeInformation.of(Holding.class)));
    }

    @Override
    public void readKey(String key, Context ctx, Collector<KeyedImage> out) throws Exception {
      List<String> accounts = new ArrayList<>();
      List<Holding> held = new ArrayList<>();
      for (var entry : holders.entries()) {
        accounts.add(entry.getKey());
        held.add(entry.getValue());
      }
      var buffered = inputs.all();
      out.collect(new KeyedImage(key, new Image.Writer().list(StringSerializer.INSTANCE, accounts)
          .list(HOLDINGS, held)
          .longs(buffered.stream().map(V01Buffer.Buffered::time).toList())
          .list(INPUTS, buffered.stream().map(b -> b.input().change() != null ? (ExposureStageInput) b.input().change()
              : b.input().tick()).toList())
          .longs(ctx.registeredEventTimeTimers()).bytes()));
    }
  }

  static final class Writer implements ImageWriter.Stage {
    private static final long serialVersionUID = 1L;
    private transient MapState<String, Holding> holders;
    private transient EventTimeBuffer<ExposureStageInput> inputs;
    private transient InternalTimerService<VoidNamespace> timers;

    @Override
    public void open(ImageWriter operator) {
      holders = operator.getRuntimeContext().getMapState(ExposureFunction.HOLDERS);
      inputs = ExposureFunction.inputBuffer(operator.getRuntimeContext());
      timers = operator.timers("user-timers", VoidNamespaceSerializer.INSTANCE);
    }

    @Override
    public void write(ImageWriter operator, KeyedImage image) throws Exception {
      Image.Reader in = new Image.Reader(image.bytes());
      List<String> accounts = in.list(StringSerializer.INSTANCE);
      List<Holding> held = in.list(HOLDINGS);
      for (int i = 0; i < accounts.size(); i++) {
        holders.put(accounts.get(i), held.get(i));
      }
      List<Long> times = in.longs();
      List<ExposureStageInput> buffered = in.list(INPUTS);
      for (int i = 0; i < times.size(); i++) {
        inputs.add(times.get(i), buffered.get(i), time -> { });
      }
      for (long time : in.longs()) {
        timers.registerEventTimeTimer(VoidNamespace.INSTANCE, time);
      }
    }
  }
}
