package dev.solvent.migrations;

import dev.solvent.job.Stage;
import dev.solvent.job.adl.AdlFunction;
import dev.solvent.job.common.EventTimeBuffer;
import dev.solvent.job.model.AdlStageInput;
import dev.solvent.job.state.AdlStageInputCodec;
import dev.solvent.job.state.CodecSerializer;
import dev.solvent.risk.adl.AdlPosition;
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

/** The ADL stage from v0.1: positions as the core's {@link AdlPosition}, inputs as the sealed stage input. */
final class V01Adl {

  private static final CodecSerializer<AdlPosition> POSITIONS =
      new CodecSerializer<>(AdlStageInputCodec.Positions.INSTANCE);
  private static final CodecSerializer<AdlStageInput> INPUTS = new CodecSerializer<>(AdlStageInputCodec.INSTANCE);

  private V01Adl() {}

  static StageMigration migration() {
    return new StageMigration(Stage.ADL, 1, new Reader(), new Writer(), List.of(
        "positions (v0.1 AdlPosition, POJO) -> positions (codec adl-position v1)",
        "inputs (v0.1 AdlInput, nullable pair) -> inputs (codec adl-stage-input v1): position or request",
        "timers user-timers: unchanged"));
  }

  static final class Reader extends KeyedStateReaderFunction<String, KeyedImage> {
    private static final long serialVersionUID = 1L;
    private transient V01Buffer<dev.solvent.job.model.AdlInput> inputs;
    private transient MapState<String, dev.solvent.job.model.AdlPosition> positions;

    @Override
    public void open(OpenContext context) {
      inputs = new V01Buffer<>(getRuntimeContext(), "inputs",
          TypeInformation.of(dev.solvent.job.model.AdlInput.class));
      positions = getRuntimeContext().getMapState(new MapStateDescriptor<>("positions", Types.STRING,
          TypeInformation.of(dev.solvent.job.model.AdlPosition.class)));
    }

    @Override
    public void readKey(String key, Context ctx, Collector<KeyedImage> out) throws Exception {
      List<String> accounts = new ArrayList<>();
      List<AdlPosition> reported = new ArrayList<>();
      for (var entry : positions.entries()) {
        accounts.add(entry.getKey());
        reported.add(convert(entry.getValue()));
      }
      var buffered = inputs.all();
      out.collect(new KeyedImage(key, new Image.Writer().list(StringSerializer.INSTANCE, accounts)
          .list(POSITIONS, reported)
          .longs(buffered.stream().map(V01Buffer.Buffered::time).toList())
          .list(INPUTS, buffered.stream().map(b -> b.input().position() != null
              ? (AdlStageInput) new AdlStageInput.Position(convert(b.input().position())) : b.input().request())
              .toList())
          .longs(ctx.registeredEventTimeTimers()).bytes()));
    }
  }

  static AdlPosition convert(dev.solvent.job.model.AdlPosition p) {
    return new AdlPosition(p.instrumentId(), p.accountId(), p.time(), p.quantity(), p.entryPrice(), p.markPrice(),
        p.bankruptcyPrice());
  }

  static final class Writer implements ImageWriter.Stage {
    private static final long serialVersionUID = 1L;
    private transient MapState<String, AdlPosition> positions;
    private transient EventTimeBuffer<AdlStageInput> inputs;
    private transient InternalTimerService<VoidNamespace> timers;

    @Override
    public void open(ImageWriter operator) {
      positions = operator.getRuntimeContext().getMapState(AdlFunction.POSITIONS);
      inputs = AdlFunction.inputBuffer(operator.getRuntimeContext());
      timers = operator.timers("user-timers", VoidNamespaceSerializer.INSTANCE);
    }

    @Override
    public void write(ImageWriter operator, KeyedImage image) throws Exception {
      Image.Reader in = new Image.Reader(image.bytes());
      List<String> accounts = in.list(StringSerializer.INSTANCE);
      List<AdlPosition> reported = in.list(POSITIONS);
      for (int i = 0; i < accounts.size(); i++) {
        positions.put(accounts.get(i), reported.get(i));
      }
      List<Long> times = in.longs();
      List<AdlStageInput> buffered = in.list(INPUTS);
      for (int i = 0; i < times.size(); i++) {
        inputs.add(times.get(i), buffered.get(i), time -> { });
      }
      for (long time : in.longs()) {
        timers.registerEventTimeTimer(VoidNamespace.INSTANCE, time);
      }
    }
  }
}
