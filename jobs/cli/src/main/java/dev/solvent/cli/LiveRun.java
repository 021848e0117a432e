package dev.solvent.cli;

import dev.solvent.avro.instruments.Instrument;
import dev.solvent.avro.instruments.InstrumentUpdate;
import dev.solvent.harness.kafka.TopicIO;
import dev.solvent.harness.live.AppendLog;
import dev.solvent.harness.live.LatencyReport;
import dev.solvent.harness.live.LiveFeedWriter;
import dev.solvent.harness.live.OutputWatch;
import dev.solvent.harness.live.Retime;
import dev.solvent.harness.loop.LoopRecord;
import dev.solvent.harness.scenario.RandomScenario;
import dev.solvent.harness.scenario.Scenario;
import dev.solvent.schema.Topic;
import dev.solvent.schema.Topics;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.IsolationLevel;

/**
 * One live run on a cluster ({@code ./solvent latency}): fresh topics, the job submitted unbounded, a generated
 * population and price path written in processing time by {@link LiveFeedWriter}, the outputs watched as a venue
 * would, then the job cancelled and the latencies measured ({@link LatencyReport}).
 */
final class LiveRun {

  /** What one run is: the population, the path, the delivery and the job's settings. */
  record Settings(int accounts, int seconds, int warmupSeconds, double crash, double calmVol, long heartbeatMillis,
      int partitions, int parallelism, Map<String, String> job) {}

  /** The topics whose values the measurement reads; every output topic is watched. */
  private static final List<Topic<?>> DECODED =
      List.of(Topics.ORACLE_PRICES, Topics.LIQUIDATION_ORDERS, Topics.MARGIN_CALLS);

  /** The scenario's first two seconds open the accounts (deposits at 1 s, trades at 2 s). */
  private static final long SETUP_MILLIS = 2_000;

  private final String bootstrap;
  private final FlinkRest cluster;
  private final Path jar;
  private final PrintStream out;

  LiveRun(String bootstrap, String rest, Path jar, PrintStream out) {
    this.bootstrap = bootstrap;
    this.cluster = new FlinkRest(rest);
    this.jar = jar;
    this.out = out;
  }

  /** Refuses a broker that is not on this machine: a run deletes and recreates Solvent's topics. */
  static void requireLoopback(String bootstrap) throws Exception {
    for (String server : bootstrap.split(",")) {
      String host = URI.create("kafka://" + server.strip()).getHost();
      if (host == null || !InetAddress.getByName(host).isLoopbackAddress()) {
        throw new IllegalArgumentException("--bootstrap " + server + " is not on loopback: a latency run deletes and "
            + "recreates Solvent's topics, so it runs on the local stack only (deploy/local/solvent-local up)");
      }
    }
  }

  /** Runs, measures, and writes the visibility of every output record and the timed decisions under {@code dir}. */
  LatencyReport.Result run(String name, Settings settings, Path dir) throws Exception {
    Scenario scenario = RandomScenario.generate(42, settings.accounts(), settings.seconds(), settings.crash(),
        settings.calmVol());
    Map<String, String> underlyings = new HashMap<>();
    for (SpecificRecord r : scenario.records().get("instruments")) {
      if (((InstrumentUpdate) r).getPayload() instanceof Instrument spec) {
        underlyings.put(spec.getInstrumentId(), spec.getUnderlying());
      }
    }
    freshTopics(settings.partitions());
    String job = submit(name, settings);
    try (OutputWatch committed = new OutputWatch(bootstrap, IsolationLevel.READ_COMMITTED, Topics.OUTPUTS, DECODED)
            .start();
        OutputWatch appended = new OutputWatch(bootstrap, IsolationLevel.READ_UNCOMMITTED, Topics.OUTPUTS, DECODED)
            .start()) {
      cluster.awaitRunning(job, 120);
      // The accounts open first (everything up to the first trade), and the clock of prices starts only once every
      // operator's watermark has passed them: a live venue's book exists before its prices are timed.
      List<LoopRecord> setup = retimed(scenario, System.currentTimeMillis() - Scenario.T0, 0, SETUP_MILLIS);
      long opened = setup.get(setup.size() - 1).time();
      out.printf("  %s: %,d records open %,d accounts; prices start once the job has taken them%n", name,
          setup.size(), settings.accounts());
      AppendLog log = new AppendLog();
      LiveFeedWriter writer = new LiveFeedWriter(bootstrap, settings.partitions(), settings.heartbeatMillis());
      long deadline = System.currentTimeMillis() + 900_000;
      writer.write(log, setup, opened, () -> watermarksPassed(job, opened, deadline));
      long start = System.currentTimeMillis() + 500;
      List<LoopRecord> feed = retimed(scenario, start - Scenario.T0 - SETUP_MILLIS, SETUP_MILLIS + 1,
          Long.MAX_VALUE);
      long end = start + (settings.seconds() * 1_000L - SETUP_MILLIS);
      long drain = Long.parseLong(settings.job().get("checkpoint.interval-ms")) + 5_000;
      out.printf("  %s: opened in %.1f s; %,d records over %d s from %s (warm-up %d s), the job %s%n", name,
          (start - opened) / 1e3, feed.size(), settings.seconds(), Instant.ofEpochMilli(start),
          settings.warmupSeconds(), job);
      writer.write(log, feed, end + drain);
      requireRunning(job);
      cluster.cancel(job);
      List<OutputWatch.Seen> visible = committed.seen();
      List<OutputWatch.Seen> written = appended.seen();
      LatencyReport.Result result = LatencyReport.measure(visible, written, log, underlyings,
          Long.parseLong(settings.job().get("input.max-out-of-orderness-ms")),
          start + settings.warmupSeconds() * 1_000L);
      Files.createDirectories(dir);
      LatencyReport.writeVisibility(dir.resolve("visibility.csv"), visible, written);
      LatencyReport.writeSamples(dir.resolve("latency.csv"), result);
      return result;
    } finally {
      if (!state(job).equals("CANCELED")) {
        cluster.cancel(job);
      }
    }
  }

  /** The scenario's records between {@code from} and {@code to} ms after its start, moved by {@code shift}. */
  private static List<LoopRecord> retimed(Scenario scenario, long shift, long from, long to) {
    List<LoopRecord> records = new ArrayList<>();
    scenario.records().forEach((topic, values) -> {
      for (SpecificRecord value : values) {
        long at = ((Instant) value.get(value.getSchema().getField("eventTime").pos())).toEpochMilli() - Scenario.T0;
        if (at >= from && at <= to) {
          SpecificRecord moved = Retime.shift(value, shift);
          records.add(new LoopRecord(topic, Scenario.T0 + at + shift, moved));
        }
      }
    });
    records.sort(LoopRecord.CANONICAL);
    return records;
  }

  /** Whether every operator fed by another has a watermark at {@code time} or later (false until then). */
  private boolean watermarksPassed(String job, long time, long deadline) {
    try {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("job " + job + " did not take the accounts' opening within 15 min");
      }
      requireRunning(job);
      return cluster.lowestWatermarks(job).values().stream().allMatch(w -> w >= time);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("could not read the job's watermarks: " + e.getMessage(), e);
    }
  }

  private void freshTopics(int partitions) throws Exception {
    List<String> names = Topics.ALL.stream().map(Topic::name).toList();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      List<String> present = admin.listTopics().names().get().stream().filter(names::contains).toList();
      admin.deleteTopics(present).all().get();
      long deadline = System.currentTimeMillis() + 60_000;
      while (admin.listTopics().names().get().stream().anyMatch(names::contains)) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("Solvent's topics were not deleted within 60 s");
        }
        Thread.sleep(200);
      }
    }
    TopicIO.createTopics(bootstrap, names, partitions);
  }

  private String submit(String name, Settings settings) throws Exception {
    List<String> args = new ArrayList<>();
    Map<String, String> job = new LinkedHashMap<>(settings.job());
    job.put("kafka.bootstrap-servers", bootstrap);
    job.put("kafka.group-id", "latency-" + name);
    job.put("kafka.transactional-id-prefix", "latency-" + name + "-" + System.currentTimeMillis());
    job.put("job.parallelism", Integer.toString(settings.parallelism()));
    job.forEach((k, v) -> args.add(k + "=" + v));
    return cluster.run(cluster.upload(jar), SubmitCommand.ENTRY_CLASS, args, settings.parallelism(), null);
  }

  private void requireRunning(String job) throws Exception {
    String state = state(job);
    if (!state.equals("RUNNING")) {
      throw new IllegalStateException("job " + job + " is " + state + " at the end of the run: "
          + cluster.get("/jobs/" + job + "/exceptions"));
    }
  }

  private String state(String job) throws Exception {
    return cluster.get("/jobs/" + job).path("state").asText("UNKNOWN");
  }
}
