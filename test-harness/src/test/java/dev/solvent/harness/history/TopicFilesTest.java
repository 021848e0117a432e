package dev.solvent.harness.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.avro.account.AccountEvent;
import dev.solvent.avro.account.Deposit;
import dev.solvent.avro.instruments.InstrumentUpdate;
import dev.solvent.harness.loop.LoopRecord;
import dev.solvent.job.io.JsonLinesFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicFilesTest {

  private static final AccountEvent LATER = deposit("2025-10-10T21:20:00Z", 2, "acct-1", "250.5");
  private static final AccountEvent EARLIER = deposit("2025-10-10T00:00:00Z", 1, "acct-2", "1000");

  @TempDir
  Path dir;

  @Test
  void readsAccountEventsFromJsonLinesAtTheirEventTime() {
    Path file = dir.resolve("events.jsonl");
    JsonLinesFiles.write(file, List.of(LATER, EARLIER));

    List<LoopRecord> records = TopicFiles.read(file, "account.events");

    assertThat(records).extracting(LoopRecord::record).containsExactly(EARLIER, LATER);
    assertThat(records).extracting(LoopRecord::time).containsExactly(
        Instant.parse("2025-10-10T00:00:00Z").toEpochMilli(), Instant.parse("2025-10-10T21:20:00Z").toEpochMilli());
    assertThat(records).extracting(LoopRecord::topic).containsOnly("account.events");
    assertThat(records.get(0).key()).isEqualTo("acct-2");
  }

  @Test
  void readsAccountEventsFromAnAvroContainerFile() throws IOException {
    Path file = dir.resolve("events.avro");
    try (DataFileWriter<AccountEvent> out = new DataFileWriter<>(new SpecificDatumWriter<>(AccountEvent.class))) {
      out.create(AccountEvent.getClassSchema(), file.toFile());
      out.append(LATER);
      out.append(EARLIER);
    }

    List<LoopRecord> records = TopicFiles.read(file, "account.events");

    assertThat(records).extracting(LoopRecord::record).containsExactly(EARLIER, LATER);
    assertThat(((Deposit) ((AccountEvent) records.get(1).record()).getPayload()).getAmount())
        .isEqualTo(new BigDecimal("250.50000000"));
    assertThat(records.get(1).time()).isEqualTo(Instant.parse("2025-10-10T21:20:00Z").toEpochMilli());
  }

  @Test
  void readsInstrumentsFromJsonTextSkippingBlankLines() throws IOException {
    Path file = Files.writeString(dir.resolve("instruments.json"),
        "{\"eventTime\": 5000, \"payload\": {\"type\": \"Heartbeat\", \"producer\": \"loader\"}}\n\n");

    List<LoopRecord> records = TopicFiles.read(file, "instruments");

    assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.time()).isEqualTo(5000);
      assertThat(r.record()).isInstanceOf(InstrumentUpdate.class);
    });
  }

  @Test
  void namesTheFileAndLineOfARecordThatDoesNotDecode() throws IOException {
    Path file = dir.resolve("bad.jsonl");
    JsonLinesFiles.write(file, List.of(EARLIER));
    Files.writeString(file, "\n{\"eventTime\": 1, \"sequence\": 2, \"payload\": {\"type\": \"Deposit\"}}\n",
        java.nio.file.StandardOpenOption.APPEND);

    assertThatThrownBy(() -> TopicFiles.read(file, "account.events")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.jsonl:3:").hasMessageContaining("payload.accountId");
  }

  @Test
  void rejectsUnknownExtensionsTopicsAndFilesThatAreNotAvro() throws IOException {
    Path csv = Files.writeString(dir.resolve("events.csv"), "x\n");
    Path fake = Files.writeString(dir.resolve("fake.avro"), "not avro\n");

    assertThatThrownBy(() -> TopicFiles.read(csv, "account.events")).hasMessageContaining(".jsonl, .json or .avro");
    assertThatThrownBy(() -> TopicFiles.read(csv, "no.such.topic")).hasMessageContaining("unknown topic");
    assertThatThrownBy(() -> TopicFiles.read(fake, "account.events")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fake.avro");
    assertThatThrownBy(() -> TopicFiles.read(dir.resolve("missing.jsonl"), "account.events"))
        .hasMessageContaining("does not exist");
  }

  private static AccountEvent deposit(String at, long sequence, String account, String amount) {
    return new AccountEvent(Instant.parse(at), sequence,
        new Deposit(account, "USD", new BigDecimal(amount).setScale(8, RoundingMode.HALF_EVEN)));
  }
}
