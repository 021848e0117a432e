package dev.solvent.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.harness.kafka.TopicDump;
import dev.solvent.harness.kafka.TopicIO;
import dev.solvent.harness.run.PipelineRun;
import dev.solvent.schema.Topic;
import dev.solvent.schema.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * State is a contract: the savepoint of every released version (fixtures/VERSION) restores into the current job
 * (through {@link SavepointMigration} when its layout is older), and from the restore on the job writes exactly what a
 * fresh run of the current job writes after that point, per key of every output topic, byte for byte. Both runs are the production Kafka job on a real broker (in process) holding the
 * fixture's input topics at their original offsets, so the savepoint's source positions are valid.
 */
class SavepointCompatibilityITCase {

  @TempDir
  Path work;

  static Stream<Path> fixtures() throws Exception {
    Path root = Path.of(System.getProperty("solvent.project.dir", "..")).resolve("state-migrations/fixtures");
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(d -> Files.exists(d.resolve(SavepointFixture.MANIFEST))).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void restoredSavepointContinuesExactlyAsAFreshRun(Path directory) throws Exception {
    SavepointFixture fixture = SavepointFixture.read(directory);
    List<TopicDump.Entry> inputs = TopicDump.read(fixture.inputs());

    Map<String, Map<String, List<String>>> fresh;
    try (Broker broker = Broker.start(fixture.partitions())) {
      TopicDump.load(broker.bootstrap(), inputs, e -> true);
      new KafkaJob(fixture.jobConfig(), broker.bootstrap(), "fresh", work).runToEnd();
      fresh = committedOutputs(broker.bootstrap(), fixture.watermark());
    }

    String savepoint = fixture.savepoint().toUri().toString();
    if (SavepointLayout.of(savepoint) != SavepointLayout.CURRENT) {
      String migrated = work.resolve("migrated").toUri().toString();
      assertThat(SavepointMigration.migrate(savepoint, migrated, System.out)).isTrue();
      assertThat(SavepointLayout.of(migrated)).isEqualTo(SavepointLayout.CURRENT);
      assertThat(SavepointMigration.migrate(migrated, work.resolve("again").toUri().toString(), System.out))
          .as("a migrated savepoint needs no more").isFalse();
      savepoint = migrated;
    }

    Map<String, Map<String, List<String>>> restored;
    try (Broker broker = Broker.start(fixture.partitions())) {
      TopicDump.load(broker.bootstrap(), inputs, e -> true);
      new KafkaJob(fixture.jobConfig(), broker.bootstrap(), "restored", work).runAndStop(savepoint,
          KafkaJob.inputEnds(broker.bootstrap()), work.resolve("end"), true);
      restored = committedOutputs(broker.bootstrap(), Long.MIN_VALUE);
    }

    for (String topic : List.of("margin.updates", "liquidation.orders", "insurance.ledger", "auction.events")) {
      assertThat(restored.get(topic)).as(topic + " after the restore").isNotEmpty();
    }
    long records = 0;
    for (String topic : fresh.keySet()) {
      assertThat(restored.get(topic)).as(topic).isEqualTo(fresh.get(topic));
      records += fresh.get(topic).values().stream().mapToLong(List::size).sum();
    }
    System.out.printf("%s: restored from its savepoint at %s; %,d output records after it, identical to a fresh "
        + "run's%n", fixture.version(), fixture.facts().get("cut.at"), records);
  }

  /** Every output topic's committed records after {@code watermark}, canonically (per key, in event-time order). */
  private static Map<String, Map<String, List<String>>> committedOutputs(String bootstrap, long watermark)
      throws Exception {
    Map<String, Map<String, List<String>>> all = new TreeMap<>();
    for (Topic<?> topic : Topics.OUTPUTS) {
      @SuppressWarnings("unchecked")
      Topic<SpecificRecord> t = (Topic<SpecificRecord>) topic;
      List<SpecificRecord> after = TopicIO.readCommitted(bootstrap, t).stream()
          .filter(r -> PipelineRun.eventTime(r) > watermark).toList();
      all.put(topic.name(), PipelineRun.canonical(t, after));
    }
    return all;
  }
}
