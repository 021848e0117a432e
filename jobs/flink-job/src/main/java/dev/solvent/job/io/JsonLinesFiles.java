package dev.solvent.job.io;

import dev.solvent.schema.JsonFormat;
import dev.solvent.schema.Topic;
import dev.solvent.schema.UndecodableValueException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;

/** Reading and writing topic records as JSON Lines files, for inputs prepared ahead and outputs read back. */
public final class JsonLinesFiles {

  private JsonLinesFiles() {}

  public static void write(Path file, List<? extends IndexedRecord> records) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        for (IndexedRecord record : records) {
          out.write(JsonFormat.write(record));
          out.write('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every committed line of an output topic written by {@link JsonLinesOutputs}, part file by part file. */
  public static List<String> lines(Path outputDirectory, String topic) {
    Path dir = outputDirectory.resolve(topic);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(JsonLinesFiles::isCommittedPart).sorted().toList()) {
        Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).forEach(lines::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  public static <T extends SpecificRecord> List<T> read(Path outputDirectory, Topic<T> topic) {
    List<T> records = new ArrayList<>();
    for (String line : lines(outputDirectory, topic.name())) {
      try {
        records.add(JsonFormat.read(line, topic.valueType()));
      } catch (UndecodableValueException e) {
        throw new IllegalStateException("output line of " + topic + " does not decode: " + e.getMessage(), e);
      }
    }
    return records;
  }

  /** Committed part files only: in-progress and pending files start with a dot. */
  private static boolean isCommittedPart(Path file) {
    String name = file.getFileName().toString();
    return Files.isRegularFile(file) && name.startsWith("part") && name.endsWith(".jsonl");
  }
}
