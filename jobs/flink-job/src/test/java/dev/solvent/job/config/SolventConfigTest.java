package dev.solvent.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.job.io.Delivery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SolventConfigTest {

  @TempDir
  Path dir;

  @Test
  void fileThenOverridesAndDefaultsForTheRest() throws Exception {
    Path file = dir.resolve("solvent.properties");
    Files.writeString(file, "oracle.window-ms=5000\nrisk.target-ratio=1.5\n");
    SolventConfig config = SolventConfig.load(file, List.of("risk.target-ratio=2", "--ignored-prefix=no"
        .substring(0, 0) + "job.parallelism=4"));
    assertThat(config.get(SolventConfig.ORACLE_WINDOW)).isEqualTo(5_000);
    assertThat(config.get(SolventConfig.TARGET_RATIO)).isEqualTo(2.0);
    assertThat(config.get(SolventConfig.PARALLELISM)).isEqualTo(4);
    assertThat(config.get(SolventConfig.WARNING_LEVEL)).isEqualTo(1.5);
  }

  @Test
  void invalidValuesAndUnknownKeysFailNamingTheKey() {
    assertThatThrownBy(() -> SolventConfig.load(null, List.of("oracle.outlier-band=2")))
        .hasMessage("configuration key oracle.outlier-band: '2' is not valid: a number in [1.0E-4, 1.0]");
    assertThatThrownBy(() -> SolventConfig.load(null, List.of("oracle.window-ms=soon")))
        .hasMessageContaining("configuration key oracle.window-ms: 'soon' is not valid");
    assertThatThrownBy(() -> SolventConfig.load(null, List.of("risk.dynamic-margin=maybe")))
        .hasMessageContaining("configuration key risk.dynamic-margin: 'maybe' is not valid: true or false");
    assertThatThrownBy(() -> SolventConfig.load(null, List.of("oracle.windw-ms=5")))
        .hasMessageContaining("configuration key oracle.windw-ms: unknown key");
    assertThatThrownBy(() -> SolventConfig.load(null, List.of("kafka.start=yesterday")))
        .hasMessageContaining("earliest or timestamp:<epoch ms>");
  }

  @Test
  void choicesAreSpelledInLowerCaseWithDashes() {
    assertThat(SolventConfig.defaults().get(SolventConfig.OUTPUT_DELIVERY)).isEqualTo(Delivery.EXACTLY_ONCE);
    assertThat(SolventConfig.load(null, List.of("output.delivery=at-least-once")).get(SolventConfig.OUTPUT_DELIVERY))
        .isEqualTo(Delivery.AT_LEAST_ONCE);
    assertThatThrownBy(() -> SolventConfig.load(null, List.of("output.delivery=at_least_once")))
        .hasMessageContaining("one of [exactly-once, at-least-once]");
  }

  @Test
  void everyKeyIsDocumentedInTheReadme() throws Exception {
    Path readme = Path.of(System.getProperty("solvent.project.dir", "../..")).resolve("README.md");
    String text = Files.readString(readme);
    for (ConfigKey<?> key : SolventConfig.keys()) {
      assertThat(text).as("README documents " + key.name()).contains("| `" + key.name() + "` | " + key.defaultValue());
    }
  }
}
