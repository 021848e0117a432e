package dev.solvent.job.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaConnectionTest {

  @TempDir
  Path dir;

  @Test
  void noFileIsPlaintextWithNothingButTheBrokers() {
    assertThat(KafkaConnection.of("127.0.0.1:9092", "").properties()).containsOnlyKeys("bootstrap.servers");
    assertThat(KafkaConnection.of("127.0.0.1:9092", null).security()).isEmpty();
    assertThat(KafkaConnection.plain("b:1")).hasToString("b:1 (plaintext)");
  }

  @Test
  void theFilesSecuritySettingsGoToEveryClientAndItsValuesNeverIntoText() throws Exception {
    Path file = dir.resolve("engine.properties");
    Files.writeString(file, """
        security.protocol=SASL_SSL
        sasl.mechanism=SCRAM-SHA-512
        sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="e" \
        password="s3cret";
        ssl.truststore.location=/x/truststore.p12
        config.providers=file
        config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider
        """);
    KafkaConnection kafka = KafkaConnection.of("127.0.0.1:9093", file.toString());
    assertThat(kafka.properties()).containsEntry("bootstrap.servers", "127.0.0.1:9093")
        .containsEntry("security.protocol", "SASL_SSL").containsEntry("ssl.truststore.location", "/x/truststore.p12")
        .containsEntry("config.providers", "file").hasSize(7);
    assertThat(kafka.toString()).contains("SASL_SSL", "sasl.jaas.config").doesNotContain("s3cret");
  }

  @Test
  void aSettingOfTheJobsOwnIsRefusedByName() throws Exception {
    Path file = dir.resolve("bad.properties");
    Files.writeString(file, "security.protocol=SSL\nisolation.level=read_uncommitted\n");
    assertThatThrownBy(() -> KafkaConnection.of("b:1", file.toString())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'isolation.level'").hasMessageContaining("not a security setting");
  }

  @Test
  void aFileThatCannotBeReadIsNamed() {
    assertThatThrownBy(() -> KafkaConnection.of("b:1", dir.resolve("missing.properties").toString()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.properties");
  }
}
