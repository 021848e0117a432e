package dev.solvent.cli;

import dev.solvent.harness.kafka.TopicIO;
import dev.solvent.harness.live.Deduplicator;
import dev.solvent.job.io.KafkaConnection;
import dev.solvent.schema.JsonFormat;
import dev.solvent.schema.Topic;
import dev.solvent.schema.Topics;
import dev.solvent.schema.UndecodableValueException;
import dev.solvent.schema.WireFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./solvent consume TOPIC}: a topic's records as JSON Lines, decoded from the wire format (any released schema
 * version), read committed: what the job's transactions committed, as a venue's consumer sees it. Follows the topic
 * until interrupted, or until {@code --max-records} or {@code --timeout-ms} of silence.
 */
@Command(name = "consume", mixinStandardHelpOptions = true,
    description = {"Print a topic's records as JSON Lines (decoded Avro, read committed), e.g. to follow the "
        + "liquidation.orders of a running job; record values that do not decode are reported on stderr."})
final class ConsumeCommand implements Callable<Integer> {

  @ParentCommand
  SolventCli root;

  @Parameters(paramLabel = "TOPIC", description = "one of Solvent's topics, e.g. liquidation.orders")
  String topic;

  @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "the Kafka broker (default: ${DEFAULT-VALUE})")
  String bootstrap = "127.0.0.1:9092";

  @Option(names = "--client-properties", paramLabel = "FILE", description = "Kafka client security settings (TLS, "
      + "SASL; README \"Security\"), e.g. a read-only principal's")
  String clientProperties;

  @Option(names = "--from-beginning", description = "from the topic's first record (default: only records appended "
      + "from now on)")
  boolean fromBeginning;

  @Option(names = "--key", paramLabel = "K", description = "only records with this key (an account, an underlying, "
      + "an instrument or a fund, by topic)")
  String key;

  @Option(names = "--max-records", paramLabel = "N", description = "stop after printing N records")
  Long maxRecords;

  @Option(names = "--timeout-ms", paramLabel = "MS", description = "stop once no record arrived for this long")
  Long timeoutMillis;

  @Option(names = "--dedup", description = "drop the copies a job under output.delivery=at-least-once re-emits "
      + "after a restart (README \"Live\": the consumer's contract); counted on stderr at the end")
  boolean dedup;

  @Override
  public Integer call() {
    Deduplicator seen = dedup ? new Deduplicator() : null;
    @SuppressWarnings("unchecked")
    Topic<SpecificRecord> t = (Topic<SpecificRecord>) Topics.byName(topic);
    WireFormat<SpecificRecord> wire = WireFormat.of(t);
    long printed = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = TopicIO.committedConsumer(
        KafkaConnection.of(bootstrap, clientProperties))) {
      List<TopicPartition> partitions = consumer.partitionsFor(t.name(), Duration.ofSeconds(30)).stream()
          .map(info -> new TopicPartition(t.name(), info.partition())).toList();
      if (partitions.isEmpty()) {
        throw new IllegalArgumentException("topic " + t.name() + " does not exist on " + bootstrap);
      }
      consumer.assign(partitions);
      if (fromBeginning) {
        consumer.seekToBeginning(partitions);
      } else {
        consumer.seekToEnd(partitions);
      }
      long lastRecord = System.currentTimeMillis();
      while (maxRecords == null || printed < maxRecords) {
        var records = consumer.poll(Duration.ofMillis(200));
        if (!records.isEmpty()) {
          lastRecord = System.currentTimeMillis();
        } else if (timeoutMillis != null && System.currentTimeMillis() - lastRecord >= timeoutMillis) {
          break;
        }
        for (ConsumerRecord<byte[], byte[]> r : records) {
          if (key != null && (r.key() == null || !key.equals(new String(r.key(), StandardCharsets.UTF_8)))) {
            continue;
          }
          if (seen != null && !seen.keep(r.topic(), r.key(), r.timestamp(), r.value())) {
            continue;
          }
          try {
            root.out.println(JsonFormat.write(wire.decode(r.value())));
          } catch (UndecodableValueException e) {
            root.err.println("solvent consume: " + t.name() + "-" + r.partition() + "@" + r.offset() + ": "
                + e.getMessage());
          }
          if (maxRecords != null && ++printed >= maxRecords) {
            break;
          }
        }
      }
      if (seen != null) {
        root.err.printf("solvent consume: %,d records kept, %,d re-emitted copies dropped%n", seen.kept(),
            seen.dropped());
      }
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw new IllegalArgumentException("no Kafka broker answered at " + bootstrap + ": " + e.getMessage(), e);
    }
    return 0;
  }
}
