package dev.solvent.harness.history;

import dev.solvent.harness.run.PipelineRun;
import dev.solvent.harness.loop.LoopRecord;
import dev.solvent.schema.JsonFormat;
import dev.solvent.schema.Topic;
import dev.solvent.schema.Topics;
import dev.solvent.schema.UndecodableValueException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Input records prepared ahead in files, for {@code account.events} and {@code instruments} (any topic whose records
 * have an {@code eventTime} reads the same way), in the two file forms the job's file inputs take:
 * <ul>
 *   <li>JSON Lines ({@code .jsonl}, {@code .json}): one record per non-blank line in {@link JsonFormat}, e.g.
 *   {@code {"eventTime": "2025-10-10T00:00:00Z", "sequence": 1, "payload": {"type": "Deposit", "accountId": "a1",
 *   "asset": "USD", "amount": "1000.00000000"}}};</li>
 *   <li>Avro container files ({@code .avro}) written by Avro's {@code DataFileWriter} with any released version of
 *   the topic's schema (the file carries its writer schema).</li>
 * </ul>
 * Each record is placed at its {@code eventTime}. A line or record that does not decode fails with an
 * {@link IllegalArgumentException} naming the file and the line (or record number).
 */
public final class TopicFiles {

  private TopicFiles() {}

  /** The file's records of the named topic, sorted by event time (stable: equal times keep file order). */
  public static List<LoopRecord> read(Path file, String topic) {
    return read(file, topic, line -> true);
  }

  /**
   * As {@link #read(Path, String)}, decoding only the JSON lines {@code keep} accepts (a cheap text test before the
   * decode, e.g. "names this account"); Avro files are read whole.
   */
  public static List<LoopRecord> read(Path file, String topic, java.util.function.Predicate<String> keep) {
    Topic<?> type = Topics.byName(topic);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(topic + " file " + file + " does not exist or is not a file");
    }
    String name = file.getFileName().toString();
    List<? extends SpecificRecord> values;
    if (name.endsWith(".avro")) {
      values = readAvro(file, type);
    } else if (name.endsWith(".jsonl") || name.endsWith(".json")) {
      values = readJsonLines(file, type, keep);
    } else {
      throw new IllegalArgumentException(topic + " file " + file + " must end in .jsonl, .json or .avro");
    }
    List<LoopRecord> records = new ArrayList<>(values.size());
    for (SpecificRecord value : values) {
      records.add(new LoopRecord(type.name(), PipelineRun.eventTime(value), value));
    }
    records.sort(Comparator.comparingLong(LoopRecord::time));
    return records;
  }

  private static <T extends SpecificRecord> List<T> readJsonLines(Path file, Topic<T> topic,
      java.util.function.Predicate<String> keep) {
    List<T> values = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int number = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        number++;
        if (line.isBlank() || !keep.test(line)) {
          continue;
        }
        try {
          values.add(JsonFormat.read(line, topic.valueType()));
        } catch (UndecodableValueException e) {
          throw new IllegalArgumentException(file + ":" + number + ": not a " + topic + " record: " + e.getMessage(),
              e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return values;
  }

  private static <T extends SpecificRecord> List<T> readAvro(Path file, Topic<T> topic) {
    List<T> values = new ArrayList<>();
    try (DataFileReader<T> in = new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(topic.valueType()))) {
      while (in.hasNext()) {
        try {
          values.add(in.next());
        } catch (AvroRuntimeException | ClassCastException e) {
          throw new IllegalArgumentException(file + ": record " + (values.size() + 1) + " is not a " + topic
              + " record: " + e.getMessage(), e);
        }
      }
    } catch (IOException | AvroRuntimeException e) {
      throw new IllegalArgumentException(
          file + ": cannot read as an Avro container file of " + topic + ": " + e.getMessage(), e);
    }
    return values;
  }
}
