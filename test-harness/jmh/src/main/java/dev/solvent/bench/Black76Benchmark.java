package dev.solvent.bench;

import dev.solvent.risk.pricing.Black76;
import dev.solvent.risk.pricing.OptionGreeks;
import dev.solvent.risk.pricing.OptionType;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Black-76 price plus delta, gamma, vega and theta of one option, over varied inputs (no constant folding). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class Black76Benchmark {

  private static final int N = 1024;
  private final double[] forwards = new double[N];
  private final double[] strikes = new double[N];
  private final double[] years = new double[N];
  private final double[] vols = new double[N];
  private final OptionType[] types = new OptionType[N];
  private int i;

  @Setup
  public void setUp() {
    Random random = new Random(1);
    for (int k = 0; k < N; k++) {
      forwards[k] = 80_000 + random.nextDouble() * 40_000;
      strikes[k] = 60_000 + random.nextDouble() * 80_000;
      years[k] = 1.0 / 365 + random.nextDouble();
      vols[k] = 0.2 + random.nextDouble();
      types[k] = random.nextBoolean() ? OptionType.CALL : OptionType.PUT;
    }
  }

  @Benchmark
  public OptionGreeks priceAndGreeks() {
    int k = i++ & (N - 1);
    return Black76.DEFAULT.greeks(types[k], forwards[k], strikes[k], years[k], vols[k], 0.01);
  }

  @Benchmark
  public double priceAndGreeksSummed() {
    int k = i++ & (N - 1);
    OptionGreeks g = Black76.DEFAULT.greeks(types[k], forwards[k], strikes[k], years[k], vols[k], 0.01);
    return g.price() + g.delta() + g.gamma() + g.vega() + g.theta();
  }

  /** The floor: the four transcendental calls any Black-76 evaluation needs, and nothing else. */
  @Benchmark
  public double transcendentalsOnly() {
    int k = i++ & (N - 1);
    return Math.exp(-0.01 * years[k]) + Math.sqrt(years[k]) + Math.log(forwards[k] / strikes[k])
        + Math.exp(-0.5 * vols[k] * vols[k]);
  }

  @Benchmark
  public double priceOnly() {
    int k = i++ & (N - 1);
    return Black76.DEFAULT.price(types[k], forwards[k], strikes[k], years[k], vols[k], 0.01);
  }
}
