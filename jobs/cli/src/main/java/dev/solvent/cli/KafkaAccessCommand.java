package dev.solvent.cli;

import dev.solvent.harness.kafka.TopicIO;
import dev.solvent.job.io.KafkaConnection;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./solvent kafka-access}: on a secured broker, as its administrator, creates Solvent's topics and grants each
 * principal what {@link KafkaAccess} says, printing every grant. Idempotent: existing topics and grants stay.
 */
@Command(name = "kafka-access", mixinStandardHelpOptions = true,
    description = {"As a secured broker's administrator: create Solvent's topics and grant the engine, loader and "
        + "reader principals least privilege (ACLs); prints every grant."})
final class KafkaAccessCommand implements Callable<Integer> {

  @ParentCommand
  SolventCli root;

  @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "the Kafka broker (default: ${DEFAULT-VALUE})")
  String bootstrap = "127.0.0.1:9092";

  @Option(names = "--client-properties", paramLabel = "FILE", required = true, description = "the administrator's "
      + "Kafka client security settings (README \"Security\")")
  String clientProperties;

  @Option(names = "--engine", paramLabel = "USER", description = "the job's principal (default: ${DEFAULT-VALUE})")
  String engine = "solvent-engine";

  @Option(names = "--loader", paramLabel = "USER", description = "the input writer's principal "
      + "(default: ${DEFAULT-VALUE})")
  String loader = "solvent-loader";

  @Option(names = "--reader", paramLabel = "USER", description = "the read-only principal (default: ${DEFAULT-VALUE})")
  String reader = "solvent-reader";

  @Option(names = "--group", paramLabel = "ID", description = "the job's kafka.group-id (default: ${DEFAULT-VALUE})")
  String group = "solvent";

  @Option(names = "--transactional-id-prefix", paramLabel = "P", description = "the job's "
      + "kafka.transactional-id-prefix (default: ${DEFAULT-VALUE})")
  String transactionalIdPrefix = "solvent";

  @Option(names = "--reader-group-prefix", paramLabel = "P", description = "consumer groups the reader may use "
      + "(default: ${DEFAULT-VALUE})")
  String readerGroupPrefix = "solvent-reader";

  @Option(names = "--partitions", paramLabel = "N", description = "partitions of the topics it creates "
      + "(default: ${DEFAULT-VALUE})")
  int partitions = 2;

  @Override
  public Integer call() throws Exception {
    KafkaConnection kafka = KafkaConnection.of(bootstrap, clientProperties);
    TopicIO.createTopics(kafka, KafkaAccess.topics(), partitions);
    root.out.printf("%d topics present on %s%n", KafkaAccess.topics().size(), kafka);
    var bindings = new KafkaAccess(engine, loader, reader, group, transactionalIdPrefix, readerGroupPrefix)
        .bindings();
    try (Admin admin = Admin.create(kafka.properties())) {
      admin.createAcls(bindings).all().get();
    }
    for (AclBinding b : bindings) {
      root.out.printf("%-22s %-6s %-17s %-9s %s%n", b.entry().principal(), b.entry().operation(),
          b.pattern().resourceType(), b.pattern().patternType(), b.pattern().name());
    }
    return 0;
  }
}
