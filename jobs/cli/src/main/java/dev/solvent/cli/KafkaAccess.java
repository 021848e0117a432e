package dev.solvent.cli;

import dev.solvent.schema.Topic;
import dev.solvent.schema.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Least privilege on a secured broker, from the topic lists themselves: the engine reads the input topics and its
 * consumer group, writes the output topics and owns the transactional ids of its prefix; the loader writes the
 * input topics; the reader (dashboards, a venue's consumers) reads the output topics with groups of its prefix.
 * Nothing else: no principal may create, delete or alter anything (the administrator creates the topics), and none
 * reads what it writes. Kafka implies DESCRIBE from READ and WRITE.
 *
 * @param engine the job's user name, {@code loader} the input writer's, {@code reader} the read-only one's
 * @param group the job's {@code kafka.group-id}
 * @param transactionalIdPrefix the job's {@code kafka.transactional-id-prefix} (its sinks' ids are
 *     {@code <prefix>-<topic>-...})
 */
record KafkaAccess(String engine, String loader, String reader, String group, String transactionalIdPrefix,
    String readerGroupPrefix) {

  List<AclBinding> bindings() {
    List<AclBinding> all = new ArrayList<>();
    for (String input : names(Stream.concat(Topics.INPUTS.stream(), Topics.OPTIONAL_INPUTS.stream()))) {
      all.add(allow(engine, ResourceType.TOPIC, input, PatternType.LITERAL, AclOperation.READ));
      all.add(allow(loader, ResourceType.TOPIC, input, PatternType.LITERAL, AclOperation.WRITE));
    }
    for (String output : names(Topics.OUTPUTS.stream())) {
      all.add(allow(engine, ResourceType.TOPIC, output, PatternType.LITERAL, AclOperation.WRITE));
      all.add(allow(reader, ResourceType.TOPIC, output, PatternType.LITERAL, AclOperation.READ));
    }
    all.add(allow(engine, ResourceType.GROUP, group, PatternType.LITERAL, AclOperation.READ));
    all.add(allow(engine, ResourceType.TRANSACTIONAL_ID, transactionalIdPrefix + "-", PatternType.PREFIXED,
        AclOperation.WRITE));
    all.add(allow(reader, ResourceType.GROUP, readerGroupPrefix, PatternType.PREFIXED, AclOperation.READ));
    return all;
  }

  /** Every topic the job knows, inputs and outputs: what the administrator creates. */
  static List<String> topics() {
    return names(Topics.ALL.stream());
  }

  private static List<String> names(Stream<Topic<?>> topics) {
    return topics.map(Topic::name).toList();
  }

  private static AclBinding allow(String user, ResourceType type, String name, PatternType pattern,
      AclOperation operation) {
    return new AclBinding(new ResourcePattern(type, name, pattern),
        new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
  }
}
