package dev.solvent.harness.run;

import dev.solvent.harness.liquidators.GasMarket;
import dev.solvent.harness.liquidators.Liquidator;
import dev.solvent.harness.loop.Feed;
import dev.solvent.harness.venue.VenueSettings;
import dev.solvent.job.config.SolventConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * One closed-loop run: the history to feed, the job's risk configuration, the venue and liquidators on the other
 * side, and where to write the topics and the report.
 *
 * @param name the run's column in the summary, e.g. "demo" or the name of a configuration file
 * @param gas a fresh gas market per run (it keeps the congestion of the run)
 */
public record RunSpec(String name, Feed feed, SolventConfig config, VenueSettings venue, List<Liquidator> liquidators,
    Supplier<GasMarket> gas, Path output) {

  public RunSpec {
    liquidators = List.copyOf(liquidators);
  }
}
