package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class KafkaAccessTest {

  private final List<AclBinding> grants = new KafkaAccess("eng", "load", "read", "grp", "txp", "rg").bindings();

  private List<String> of(String user) {
    return grants.stream().filter(b -> b.entry().principal().equals("User:" + user))
        .map(b -> b.entry().operation() + " " + b.pattern().resourceType() + " " + b.pattern().patternType() + " "
            + b.pattern().name()).toList();
  }

  @Test
  void theEngineReadsTheInputsAndItsGroupAndWritesTheOutputsUnderItsTransactionalIds() {
    assertThat(of("eng")).contains("READ TOPIC LITERAL market.ticks", "READ TOPIC LITERAL account.events",
        "READ TOPIC LITERAL risk.bids", "WRITE TOPIC LITERAL liquidation.orders", "WRITE TOPIC LITERAL dead.letters",
        "READ GROUP LITERAL grp", "WRITE TRANSACTIONAL_ID PREFIXED txp-")
        .doesNotContain("WRITE TOPIC LITERAL market.ticks", "READ TOPIC LITERAL liquidation.orders");
  }

  @Test
  void theLoaderWritesInputsOnlyAndTheReaderReadsOutputsOnly() {
    assertThat(of("load")).isNotEmpty().allMatch(g -> g.startsWith("WRITE TOPIC LITERAL "))
        .contains("WRITE TOPIC LITERAL market.ticks").doesNotContain("WRITE TOPIC LITERAL margin.updates");
    assertThat(of("read")).contains("READ TOPIC LITERAL margin.updates", "READ GROUP PREFIXED rg")
        .allMatch(g -> g.startsWith("READ ")).doesNotContain("READ TOPIC LITERAL market.ticks");
  }

  @Test
  void nothingButReadAndWriteIsEverAllowed() {
    assertThat(grants).isNotEmpty().allSatisfy(b -> {
      assertThat(b.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW);
      assertThat(b.entry().operation()).isIn(AclOperation.READ, AclOperation.WRITE);
      assertThat(b.pattern().resourceType()).isNotEqualTo(ResourceType.CLUSTER);
      assertThat(b.pattern().patternType()).isIn(PatternType.LITERAL, PatternType.PREFIXED);
    });
    assertThat(KafkaAccess.topics()).contains("market.ticks", "risk.bids", "risk.awards").doesNotHaveDuplicates();
  }
}
