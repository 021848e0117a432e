package dev.solvent.bench;

import dev.solvent.risk.account.Account;
import dev.solvent.risk.account.MarginAssessment;
import dev.solvent.risk.account.MarginCalculator;
import dev.solvent.risk.account.MarginMode;
import dev.solvent.risk.account.MarketState;
import dev.solvent.risk.account.Position;
import dev.solvent.risk.account.RiskParameters;
import dev.solvent.risk.instrument.Instrument;
import dev.solvent.risk.instrument.LinearContract;
import dev.solvent.risk.instrument.OptionContract;
import dev.solvent.risk.margin.MarginSchedule;
import dev.solvent.risk.portfolio.PortfolioMargin;
import dev.solvent.risk.portfolio.RiskArray;
import dev.solvent.risk.portfolio.RiskArrayCalculator;
import dev.solvent.risk.portfolio.ScenarioGrid;
import dev.solvent.risk.pricing.OptionType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Portfolio margin of one 10-position account (8 options and 2 futures on one underlying) from precomputed risk
 * arrays: the scenario dot product alone ({@code scenarioMargin}) and the whole valuation the pipeline runs per
 * account ({@code fullAssessment}: equity, margin, Greeks, exposures, probability of default). Divide by
 * {@code positions} for ns per position.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class PortfolioRevaluationBenchmark {

  @Param({"10"})
  public int positions;

  private static final int ACCOUNTS = 256;
  private double[][] quantities;
  private RiskArray[] arrays;
  private Account[] accounts;
  private Map<String, Instrument> instruments;
  private MarketState market;
  private final PortfolioMargin portfolio = PortfolioMargin.DEFAULT;
  private final MarginCalculator calculator = new MarginCalculator(RiskParameters.DEFAULT);
  private int i;

  @Setup
  public void setUp() {
    long now = 1_760_054_400_000L;
    RiskArrayCalculator calculatorOfArrays = new RiskArrayCalculator(ScenarioGrid.DEFAULT);
    instruments = new LinkedHashMap<>();
    Map<String, RiskArray> byId = new LinkedHashMap<>();
    arrays = new RiskArray[positions];
    for (int k = 0; k < positions; k++) {
      Instrument instrument = k < 2
          ? new LinearContract("BTC-F" + k, "BTC", k == 0 ? 0 : now + 90L * 86_400_000, 1, 0.001,
              MarginSchedule.flat(100, 0.005), 0.01, "usd")
          : new OptionContract("BTC-O" + k, "BTC", k % 2 == 0 ? OptionType.CALL : OptionType.PUT,
              80_000 + 5_000 * k, now + (7L + 7 * k) * 86_400_000, 1, 0.1, 0.005, "usd");
      instruments.put(instrument.id(), instrument);
      arrays[k] = calculatorOfArrays.compute(instrument, 104_000, 0.6, 0, now);
      byId.put(instrument.id(), arrays[k]);
    }
    market = new MarketState(now, byId, Map.of());
    Random random = new Random(3);
    quantities = new double[ACCOUNTS][positions];
    accounts = new Account[ACCOUNTS];
    for (int a = 0; a < ACCOUNTS; a++) {
      List<Position> held = new ArrayList<>();
      for (int k = 0; k < positions; k++) {
        quantities[a][k] = Math.round((random.nextDouble() - 0.5) * 200) / 10.0 + 0.1;
        held.add(Position.of(arrays[k].instrumentId(), quantities[a][k], 100_000));
      }
      accounts[a] = Account.of("acct-" + a, MarginMode.PORTFOLIO, 500_000, held);
    }
  }

  @Benchmark
  public double scenarioMargin() {
    return portfolio.maintenance(quantities[i++ & (ACCOUNTS - 1)], arrays, 0, positions);
  }

  @Benchmark
  public MarginAssessment fullAssessment() {
    return calculator.assess(accounts[i++ & (ACCOUNTS - 1)], instruments, market);
  }
}
