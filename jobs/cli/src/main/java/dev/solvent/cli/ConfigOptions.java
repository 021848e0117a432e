package dev.solvent.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The job configuration of a command: a properties file and {@code key=value} overrides (README "Configuration"). */
final class ConfigOptions {

  @Option(names = "--config", paramLabel = "FILE", description = "job configuration file (properties)")
  Path file;

  @Parameters(paramLabel = "KEY=VALUE", arity = "0..*",
      description = "configuration overrides, e.g. liquidation.mode=full (README \"Configuration\" lists every key)")
  List<String> overrides = new ArrayList<>();

  /**
   * The overrides, each checked to be one (after parsing, so that a mistyped option is reported as such rather than
   * as a stray override).
   */
  List<String> overrides() {
    for (String value : overrides) {
      if (!value.contains("=") || value.startsWith("=")) {
        throw new IllegalArgumentException("'" + value + "' is neither an option nor a KEY=VALUE override");
      }
    }
    return overrides;
  }
}
