package dev.solvent.cli;

import dev.solvent.migrations.SavepointMigration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./solvent migrate-savepoint IN OUT}: a savepoint of an earlier release carried over to this version's state
 * layout (state-migrations/README.md), naming each operator and state it rewrote; refuses one it does not recognise.
 */
@Command(name = "migrate-savepoint", mixinStandardHelpOptions = true,
    description = {"Carry a savepoint of an earlier release over to this version's state layout with Flink's State "
        + "Processor API; prints each operator and state it rewrote. Exit 2 for a savepoint it does not recognise."})
final class MigrateSavepointCommand implements Callable<Integer> {

  @ParentCommand
  SolventCli root;

  @Parameters(index = "0", paramLabel = "IN", description = "the savepoint directory (or its _metadata file)")
  String in;

  @Parameters(index = "1", paramLabel = "OUT", description = "where the migrated savepoint goes (a new directory)")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (Files.exists(out) && !isEmptyDirectory(out)) {
      throw new IllegalArgumentException(out + " exists and is not an empty directory");
    }
    SavepointMigration.migrate(in, out.toAbsolutePath().toUri().toString(), root.out);
    return 0;
  }

  private static boolean isEmptyDirectory(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(path)) {
      return entries.findAny().isEmpty();
    }
  }
}
