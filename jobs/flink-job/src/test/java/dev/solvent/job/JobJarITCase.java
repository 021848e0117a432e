package dev.solvent.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** The packaged cluster jar: bundles what flink-dist lacks, and none of Flink's own runtime (provided scope). */
class JobJarITCase {

  private static final Path JOB_JAR = Path.of(System.getProperty("solvent.job.jar", "missing"));

  @Test
  void jobJarBundlesTheConnectorAvroAndSolventButNotFlinksRuntime() throws Exception {
    assertThat(JOB_JAR).as("job jar built by 'mvn package'").exists();
    try (JarFile jar = new JarFile(JOB_JAR.toFile())) {
      List<String> classes = jar.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class")).toList();

      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(SolventJob.class.getName());
      assertThat(classes).contains(
          "dev/solvent/job/SolventJob.class",
          "dev/solvent/schema/WireFormat.class",
          "dev/solvent/avro/margin/MarginUpdate.class",
          "org/apache/flink/connector/kafka/sink/KafkaSink.class",
          "org/apache/flink/formats/avro/typeutils/AvroSerializer.class",
          "org/apache/kafka/clients/producer/KafkaProducer.class",
          "org/apache/avro/Schema.class");
      assertThat(classes).noneMatch(n -> n.startsWith("org/apache/flink/runtime/")
          || n.startsWith("org/apache/flink/streaming/api/environment/")
          || n.startsWith("org/apache/flink/api/common/")
          || n.startsWith("org/apache/flink/state/rocksdb/")
          || n.startsWith("org/rocksdb/"));
      assertThat(jar.getEntry("solvent/schemas/history/margin.updates/v1.avsc")).isNotNull();
    }
    assertThat(Files.size(JOB_JAR)).isGreaterThan(1_000_000);
  }
}
