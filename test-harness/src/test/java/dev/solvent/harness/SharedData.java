package dev.solvent.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Where the real price history of {@code ../shared/data} is: from the build's property, else beside the project. */
public final class SharedData {

  private SharedData() {}

  /** The data folder; it may not exist (tests then skip with a message). */
  public static Path directory() {
    return Stream.of(Optional.ofNullable(System.getProperty("solvent.shared.dir")).map(d -> Path.of(d, "data")),
            Optional.of(Path.of("../shared/data")), Optional.of(Path.of("../../shared/data")))
        .flatMap(Optional::stream).filter(Files::isDirectory).findFirst().orElse(Path.of("../../shared/data"));
  }
}
