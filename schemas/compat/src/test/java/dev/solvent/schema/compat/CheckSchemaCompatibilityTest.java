package dev.solvent.schema.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckSchemaCompatibilityTest {

  private static final String V1 = """
      {"type": "record", "name": "Fill", "namespace": "t", "doc": "d", "fields": [
        {"name": "account", "type": "string", "doc": "d"},
        {"name": "price", "type": "double", "doc": "d"}]}""";

  @TempDir
  Path dir;

  @Test
  void passesWhenAnOptionalFieldIsAdded() throws Exception {
    write("fills", V1, """
        {"type": "record", "name": "Fill", "namespace": "t", "doc": "d", "fields": [
          {"name": "account", "type": "string", "doc": "d"},
          {"name": "price", "type": "double", "doc": "d"},
          {"name": "venue", "type": ["null", "string"], "default": null, "doc": "d"}]}""");

    CheckSchemaCompatibility.main(new String[] {dir.resolve("avro").toString(), dir.resolve("history").toString()});
  }

  @Test
  void failsNamingTheSchemaTheDirectionAndTheFieldWhenAFieldWithoutDefaultIsRemoved() throws Exception {
    write("fills", V1, """
        {"type": "record", "name": "Fill", "namespace": "t", "doc": "d", "fields": [
          {"name": "account", "type": "string", "doc": "d"}]}""");

    assertThatThrownBy(() -> CheckSchemaCompatibility.main(
        new String[] {dir.resolve("avro").toString(), dir.resolve("history").toString()}))
        .hasMessageContaining("schema fills (schemas/avro/fills.avsc) is not FULL-compatible with "
            + "schemas/history/fills/v1.avsc: FORWARD (v1 reads current): READER_FIELD_MISSING_DEFAULT_VALUE at "
            + "Fill.price");
  }

  @Test
  void failsWhenATopicHasNoReleasedVersion() throws Exception {
    Files.createDirectories(dir.resolve("avro"));
    Files.createDirectories(dir.resolve("history"));
    Files.writeString(dir.resolve("avro/fills.avsc"), V1);

    assertThat(SchemaHistory.fromDirectories(dir.resolve("avro"), dir.resolve("history"))
        .fullCompatibilityViolations()).containsExactly(
            "schema fills: no released version under schemas/history/fills/v1.avsc");
  }

  private void write(String topic, String released, String current) throws Exception {
    Files.createDirectories(dir.resolve("history").resolve(topic));
    Files.writeString(dir.resolve("history").resolve(topic).resolve("v1.avsc"), released);
    Files.createDirectories(dir.resolve("avro"));
    Files.writeString(dir.resolve("avro").resolve(topic + ".avsc"), current);
  }
}
