package dev.solvent.job.riskarrays;

import dev.solvent.avro.instruments.Instrument;
import dev.solvent.job.common.EventTimeBuffer;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.job.model.Instruments;
import dev.solvent.job.model.OracleUpdate;
import dev.solvent.job.model.RiskArraySet;
import dev.solvent.job.model.RiskArrayStageInput;
import dev.solvent.job.state.RiskArrayStageInputCodec;
import dev.solvent.job.state.StateCodecs;
import dev.solvent.risk.portfolio.RiskArray;
import dev.solvent.risk.portfolio.RiskArrayCalculator;
import dev.solvent.risk.portfolio.ScenarioGrid;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * RISK_ARRAYS stage (keyBy underlying): on each oracle price, one risk array per instrument on the underlying, for
 * all accounts at once (mark, Greeks, scenario P&L), with the dynamic-margin inputs: realized volatility (EWMA of
 * squared oracle returns) and book depth. Specs and implied volatilities apply from their own event time.
 */
public final class RiskArraysFunction extends KeyedProcessFunction<String, RiskArrayStageInput, RiskArraySet> {

  private static final long serialVersionUID = 1L;
  /** Key of the implied volatility that applies to every option of the underlying without its own. */
  static final String UNDERLYING_VOL = "";
  public static final String INPUTS = "inputs";
  /** The underlying's instrument specs by id (Avro: Flink's Avro serializer evolves them with their schema). */
  public static final MapStateDescriptor<String, Instrument> SPECS = new MapStateDescriptor<>("specs", Types.STRING,
      TypeInformation.of(Instrument.class));
  /** Implied volatilities by instrument ({@link #UNDERLYING_VOL} for the underlying's). */
  public static final MapStateDescriptor<String, Double> VOLS = new MapStateDescriptor<>("vols", Types.STRING,
      Types.DOUBLE);
  public static final ValueStateDescriptor<UnderlyingMemory> MEMORY = new ValueStateDescriptor<>("memory",
      StateCodecs.type(RiskArrayStageInputCodec.MemoryCodec.INSTANCE));

  private final double rate;
  private final double defaultVol;
  private final long volHalfLife;
  private transient RiskArrayCalculator calculator;
  private transient EventTimeBuffer<RiskArrayStageInput> inputs;
  private transient MapState<String, Instrument> specs;
  private transient MapState<String, Double> vols;
  private transient ValueState<UnderlyingMemory> memory;

  public RiskArraysFunction(SolventConfig config) {
    this.rate = config.get(SolventConfig.RATE);
    this.defaultVol = config.get(SolventConfig.DEFAULT_VOL);
    this.volHalfLife = config.get(SolventConfig.REALIZED_VOL_HALF_LIFE);
  }

  @Override
  public void open(OpenContext context) {
    calculator = new RiskArrayCalculator(ScenarioGrid.DEFAULT);
    inputs = inputBuffer(getRuntimeContext());
    specs = getRuntimeContext().getMapState(SPECS);
    vols = getRuntimeContext().getMapState(VOLS);
    memory = getRuntimeContext().getState(MEMORY);
  }

  /** The buffer's state, as the operator and a savepoint migration create it. */
  public static EventTimeBuffer<RiskArrayStageInput> inputBuffer(RuntimeContext context) {
    return new EventTimeBuffer<>(context, INPUTS, StateCodecs.type(RiskArrayStageInputCodec.INSTANCE),
        RiskArrayStageInput.ORDER);
  }

  @Override
  public void processElement(RiskArrayStageInput input, Context ctx, Collector<RiskArraySet> out) throws Exception {
    inputs.add(input.time(), input, ctx.timerService()::registerEventTimeTimer);
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<RiskArraySet> out) throws Exception {
    for (RiskArrayStageInput input : inputs.release(time)) {
      if (input instanceof RiskArrayStageInput.Spec s) {
        specs.put(s.spec().getInstrumentId(), s.spec());
      } else if (input instanceof RiskArrayStageInput.Vol v) {
        String id = v.vol().getInstrumentId();
        vols.put(id == null ? UNDERLYING_VOL : id, v.vol().getImpliedVol());
      } else {
        revalue(((RiskArrayStageInput.Oracle) input).update(), time, ctx, out);
      }
    }
  }

  private void revalue(OracleUpdate update, long time, OnTimerContext ctx, Collector<RiskArraySet> out)
      throws Exception {
    double mark = update.price().getMarkPrice().doubleValue();
    UnderlyingMemory remembered = UnderlyingMemory.after(memory.value(), mark, time, volHalfLife);
    memory.update(remembered);

    TreeMap<String, Instrument> sorted = new TreeMap<>();
    for (var entry : specs.entries()) {
      sorted.put(entry.getKey(), entry.getValue());
    }
    Double underlyingVol = vols.get(UNDERLYING_VOL);
    List<Instrument> held = new ArrayList<>();
    List<RiskArray> arrays = new ArrayList<>();
    for (Instrument spec : sorted.values()) {
      double vol = impliedVol(vols.get(spec.getInstrumentId()), underlyingVol, defaultVol);
      arrays.add(calculator.compute(Instruments.toCore(spec), mark, vol, rate, time));
      held.add(spec);
    }
    out.collect(new RiskArraySet(ctx.getCurrentKey(), time, update.price().getSourceTime().toEpochMilli(),
        update.price().getStale(), mark, remembered.realizedVol(),
        update.bidDepth2Pct(), update.askDepth2Pct(), held.toArray(Instrument[]::new),
        arrays.toArray(RiskArray[]::new)));
  }

  /** An instrument's implied volatility: its own, else its underlying's, else the configured default. */
  public static double impliedVol(Double own, Double underlying, double defaultVol) {
    return own != null ? own : underlying != null ? underlying : defaultVol;
  }
}
