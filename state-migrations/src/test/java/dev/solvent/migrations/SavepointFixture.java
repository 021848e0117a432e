package dev.solvent.migrations;

import dev.solvent.job.config.SolventConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A released version's savepoint and the input topics it was taken against (fixtures/VERSION/): the savepoint was
 * stopped at event time {@code cut} of the dumped topics, so a job restored from it continues on the rest of them.
 *
 * @param cut every input record up to this event time (and none after) had been read when the savepoint was taken
 * @param watermark the job's watermark then: every output after it comes from the restored run
 * @param config the job configuration it ran with (the key=value pairs over the defaults)
 * @param facts what the fixture was made to hold, e.g. {@code state.pending-liquidations}, and how it was made
 */
record SavepointFixture(Path directory, String version, int partitions, int parallelism, long cut, long watermark,
    Map<String, String> config, Map<String, String> facts) {

  static final String MANIFEST = "fixture.properties";
  static final String SAVEPOINT = "savepoint";
  static final String INPUTS = "inputs.dump.gz";
  private static final String CONFIG = "config.";

  static SavepointFixture read(Path directory) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(directory.resolve(MANIFEST))) {
      p.load(in);
    }
    Map<String, String> config = new TreeMap<>();
    Map<String, String> facts = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith(CONFIG)) {
        config.put(key.substring(CONFIG.length()), p.getProperty(key));
      } else {
        facts.put(key, p.getProperty(key));
      }
    }
    return new SavepointFixture(directory, p.getProperty("version"), Integer.parseInt(p.getProperty("partitions")),
        Integer.parseInt(p.getProperty("parallelism")), Long.parseLong(p.getProperty("cut")),
        Long.parseLong(p.getProperty("watermark")), config, facts);
  }

  void write() throws IOException {
    Properties p = new Properties();
    p.putAll(facts);
    config.forEach((k, v) -> p.setProperty(CONFIG + k, v));
    p.setProperty("version", version);
    p.setProperty("partitions", Integer.toString(partitions));
    p.setProperty("parallelism", Integer.toString(parallelism));
    p.setProperty("cut", Long.toString(cut));
    p.setProperty("watermark", Long.toString(watermark));
    java.io.StringWriter text = new java.io.StringWriter();
    p.store(text, null);
    // Sorted and without store's date line, so a remade fixture's manifest diffs by what changed.
    java.util.List<String> lines = text.toString().lines().filter(l -> !l.startsWith("#")).sorted().toList();
    try (Writer out = Files.newBufferedWriter(directory.resolve(MANIFEST))) {
      out.write("# Savepoint fixture " + version + ": what it holds and how it was made (state-migrations/README.md)\n");
      for (String line : lines) {
        out.write(line + "\n");
      }
    }
  }

  Path savepoint() {
    return directory.resolve(SAVEPOINT);
  }

  Path inputs() {
    return directory.resolve(INPUTS);
  }

  /**
   * The fixture's job configuration: the one it was made with, and every key added since with the value that keeps
   * its release's model (a model change would otherwise make the restored run differ from a fresh one for a reason
   * that is not the state).
   */
  SolventConfig jobConfig() {
    SolventConfig c = SolventConfig.defaults();
    for (var e : RELEASE_MODELS.getOrDefault(version, Map.of()).entrySet()) {
      c = c.with(e.getKey(), e.getValue());
    }
    for (var e : config.entrySet()) {
      c = c.with(e.getKey(), e.getValue());
    }
    return c;
  }

  /** Per release, keys added after it and their values in its model. */
  private static final Map<String, Map<String, String>> RELEASE_MODELS = Map.of("v0.1", Map.of(
      "auction.cancel-health-factor", "1", "risk.long-options-cap", "false"));
}
