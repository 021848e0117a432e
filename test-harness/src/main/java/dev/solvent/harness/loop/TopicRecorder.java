package dev.solvent.harness.loop;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes every topic of a loop run as JSON Lines, {@code DIR/<topic>.jsonl}: the inputs as the job read them (the
 * feed, the venue's fills and quotes, the liquidators' bids, without the loop's heartbeats) and the job's outputs,
 * each in canonical order, so two runs of the same feed write the same bytes.
 */
public final class TopicRecorder implements Participant, AutoCloseable {

  private final Path directory;
  private final Map<String, BufferedWriter> writers = new TreeMap<>();

  public TopicRecorder(Path directory) {
    this.directory = directory;
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path directory() {
    return directory;
  }

  public static Path file(Path directory, String topic) {
    return directory.resolve(topic + ".jsonl");
  }

  @Override
  public List<LoopRecord> step(long until, List<LoopRecord> inputs, List<LoopRecord> outputs) {
    inputs.forEach(this::write);
    outputs.forEach(this::write);
    return List.of();
  }

  @Override
  public void finish(List<LoopRecord> outputs) {
    outputs.forEach(this::write);
    close();
  }

  private void write(LoopRecord record) {
    try {
      BufferedWriter out = writers.get(record.topic());
      if (out == null) {
        out = Files.newBufferedWriter(file(directory, record.topic()), StandardCharsets.UTF_8);
        writers.put(record.topic(), out);
      }
      out.write(record.json());
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    for (BufferedWriter out : writers.values()) {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    writers.clear();
  }
}
