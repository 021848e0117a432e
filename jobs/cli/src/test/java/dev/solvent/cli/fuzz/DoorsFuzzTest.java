package dev.solvent.cli.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.solvent.cli.explain.ExplainCommand;
import dev.solvent.harness.history.PriceFile;
import dev.solvent.harness.history.PriceHistory;
import dev.solvent.schema.JsonFormat;
import dev.solvent.schema.Topic;
import dev.solvent.schema.Topics;
import dev.solvent.schema.UndecodableValueException;
import dev.solvent.schema.WireFormat;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Coverage-guided fuzzing (Jazzer) of every door outside bytes come in by (issue 18): the Avro single-object decoder
 * of every topic with its schema history, the JSON Lines reader, the kline and trade CSV readers, and explain's
 * input. The property: nothing escapes but each door's documented refusal ({@link UndecodableValueException}, an
 * {@link IllegalArgumentException} naming the file and line, explain's exit 2), and no input hangs (Jazzer's
 * per-input timeout). In a plain test run this replays the committed inputs only (src/test/resources/.../
 * DoorsFuzzTestInputs); {@code .ci/run} fuzzes for a bounded time (the {@code fuzz} execution in jobs/cli/pom.xml),
 * and {@code JAZZER_FUZZ=1 mvn -pl jobs/cli test -Dtest=DoorsFuzzTest -Djazzer.max_duration=30m} for longer.
 */
class DoorsFuzzTest {

  private static final Topic<?>[] TOPICS = Topics.ALL.toArray(Topic<?>[]::new);

  @FuzzTest(maxDuration = "60s")
  @SuppressWarnings("unchecked")
  void nothingEscapesADoorButItsRefusal(FuzzedDataProvider data) throws Exception {
    int door = data.consumeInt(0, 3);
    Topic<SpecificRecord> topic = (Topic<SpecificRecord>) TOPICS[data.consumeInt(0, TOPICS.length - 1)];
    byte[] bytes = data.consumeRemainingAsBytes();
    switch (door) {
      case 0 -> {
        try {
          WireFormat.of(topic).decode(bytes);
        } catch (UndecodableValueException expected) {
          // refused, with its reason
        }
      }
      case 1 -> {
        try {
          JsonFormat.read(new String(bytes, StandardCharsets.UTF_8), topic.valueType());
        } catch (UndecodableValueException expected) {
          // refused, with its reason
        }
      }
      case 2 -> {
        // explain as a user runs it, the bytes on its standard input: an explanation, or one line and exit 2
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        int code = ExplainCommand.run(List.of("-"), new ByteArrayInputStream(bytes), none, none);
        if (code != 0 && code != ExplainCommand.BAD_INPUT) {
          throw new AssertionError("explain exited " + code);
        }
      }
      default -> {
        Path file = Files.createTempFile("fuzz", ".csv");
        try {
          Files.write(file, bytes);
          PriceHistory.read(PriceFile.of(file, "BTC", "fuzz"));
        } catch (IllegalArgumentException expected) {
          // names the file and the line
        } finally {
          Files.deleteIfExists(file);
        }
      }
    }
  }
}
