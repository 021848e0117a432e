package dev.solvent.harness.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.avro.deadletter.DeadLetter;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.harness.run.PipelineRun;
import dev.solvent.harness.scenario.RandomScenario;
import dev.solvent.schema.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream with every kind of invalid record yields the same valid outputs as the stream without them, plus one dead
 * letter per invalid record, with its coordinates and reason.
 */
class BadInputITCase {

  @TempDir
  Path dir;

  /**
   * Invalid lines appended to the clean files (line numbers are their offsets), with the reason each must get. Their
   * event times are those of each file's end (its closing heartbeat, 21:03:00), except the two meant to be LATE.
   */
  private static final Map<String, List<String[]>> BAD = Map.of(
      "market.ticks", List.<String[]>of(
          new String[] {"{\"eventTime\": \"2025-10-10T21:03:00Z\", \"payload\": {\"type\": \"Quote\", \"underlying\": "
              + "\"BTC\", \"source\": \"x\", \"price\": \"NaN\"}}", "INVALID_PRICE"},
          new String[] {"{\"eventTime\": \"2025-10-10T21:03:00Z\", \"payload\": {\"type\": \"Quote\", \"underlying\": "
              + "\"BTC\", \"source\": \"x\", \"price\": \"-5\"}}", "INVALID_PRICE"},
          new String[] {"{\"eventTime\": \"2025-10-10T20:00:00Z\", \"payload\": {\"type\": \"Quote\", \"underlying\": "
              + "\"BTC\", \"source\": \"x\", \"price\": \"100000\"}}", "LATE"},
          new String[] {"{\"eventTime\": \"2025-10-13T21:00:00Z\", \"payload\": {\"type\": \"Quote\", \"underlying\": "
              + "\"BTC\", \"source\": \"x\", \"price\": \"100000\"}}", "LATE"},
          new String[] {"\u0000\u0001 not json at all", "UNDECODABLE"},
          new String[] {"{\"eventTime\": \"2025-10-10T21:03:00Z\", \"payload\": {\"type\": \"Quote\", \"underlying\": "
              + "\"BTC\", \"source\": \"" + "x".repeat(70_000) + "\", \"price\": \"1\"}}", "OVERSIZED"}),
      "account.events", List.<String[]>of(
          new String[] {"{\"eventTime\": \"2025-10-10T21:03:00Z\", \"sequence\": 1000001, \"payload\": {\"type\": "
              + "\"Trade\", \"accountId\": \"acct-00001\", \"instrumentId\": \"DOGE-PERP\", \"tradeId\": \"x\", "
              + "\"quantity\": \"1\", \"price\": \"1\", \"fee\": \"0\"}}", "UNKNOWN_INSTRUMENT"},
          new String[] {"{\"eventTime\": \"2025-10-10T21:03:00Z\", \"sequence\": 1000002, \"payload\": {\"type\": "
              + "\"Deposit\", \"accountId\": \"nobody\", \"asset\": \"USD\", \"amount\": \"5\"}}", "UNKNOWN_ACCOUNT"},
          new String[] {"{\"eventTime\": \"2025-10-10T21:03:00Z\", \"sequence\": 1000003, \"payload\": {\"type\": "
              + "\"Deposit\", \"accountId\": \"acct-00001\", \"asset\": \"USD\", \"amount\": \"-5\"}}", "WRONG_SIGN"},
          new String[] {"{\"eventTime\": \"2025-10-10T21:03:00Z\", \"sequence\": 1000004, \"payload\": {\"type\": "
              + "\"Trade\", \"accountId\": \"acct-00001\", \"instrumentId\": \"BTC-PERP\", \"tradeId\": \"x\", "
              + "\"quantity\": \"0\", \"price\": \"1\", \"fee\": \"0\"}}", "INVALID_QUANTITY"},
          new String[] {"{\"eventTime\": \"2025-10-10T21:03:00Z\", \"sequence\": 1000005, \"payload\": {\"type\": "
              + "\"Trade\", \"accountId\": \"acct-00001\"}}", "UNDECODABLE"}),
      "instruments", List.<String[]>of(
          new String[] {"{\"eventTime\": \"2025-10-10T21:03:00Z\", \"payload\": {\"type\": \"Instrument\", "
              + "\"instrumentId\": \"BAD-PERP\", \"underlying\": \"BTC\", \"kind\": \"PERPETUAL\", \"contractSize\": "
              + "\"1\", \"lotSize\": \"0.001\", \"insuranceFundId\": \"usd\"}}", "INVALID"}),
      "auction.bids", List.<String[]>of(
          new String[] {"{\"eventTime\": \"2025-10-10T21:03:00Z\", \"payload\": {\"type\": \"Bid\", \"accountId\": "
              + "\"acct-00001\", \"auctionId\": \"a\", \"liquidator\": \"l\", \"price\": \"0\", \"debtToRepay\": "
              + "\"1\"}}", "INVALID_PRICE"}));

  @Test
  void invalidRecordsBecomeDeadLettersAndChangeNothingElse() throws Exception {
    List<DeadLetter> letters = injectAndCompare(BAD, "one");
    DeadLetter oversized = letters.stream().filter(l -> l.getReason().name().equals("OVERSIZED")).findFirst()
        .orElseThrow();
    assertThat(oversized.getValueSize()).isGreaterThan(70_000);
    assertThat(oversized.getValue().remaining()).isEqualTo(65_536);
    System.out.println(letters.stream().map(l -> l.getReason() + ": " + l.getDetail().substring(0,
        Math.min(120, l.getDetail().length()))).collect(Collectors.joining("\n")));
  }

  /**
   * Thousands of hostile records, seeded (issue 18): on every input topic, garbage bytes, truncated records, unknown
   * union branches and enum symbols, values past the size limit, timestamps at the ends of the range, decimals with
   * absurd exponents (as text, and as numbers beyond a double), JSON nested 5,000 deep. Each is one dead letter with
   * its reason; nothing else changes.
   */
  @Test
  void aSeededStreamOfThousandsOfHostileRecordsChangesNothingElse() throws Exception {
    Map<String, List<String[]>> hostile = HostileRecords.generate(20_251_010L, 600, END);
    assertThat(hostile.values().stream().mapToInt(List::size).sum()).isEqualTo(3_000);
    List<DeadLetter> letters = injectAndCompare(hostile, "hostile");
    Map<String, Long> byReason = letters.stream().collect(Collectors.groupingBy(l -> l.getReason().name(),
        TreeMap::new, Collectors.counting()));
    System.out.println("hostile records by dead-letter reason: " + byReason);
    assertThat(byReason.keySet()).contains("UNDECODABLE", "OVERSIZED", "LATE");
  }

  /** The event time of the clean files' closing heartbeats: appended records sit at their end. */
  private static final String END = "2025-10-10T21:03:00Z";

  /**
   * Appends {@code bad} to clean files, runs both, and checks every output but the dead letters is the clean run's
   * and each appended record is one dead letter with its coordinates and reason; returns the dead letters.
   */
  private List<DeadLetter> injectAndCompare(Map<String, List<String[]>> bad, String name) throws Exception {
    Map<String, List<Path>> clean = RandomScenario.generate(11, 200, 180, 0.3).write(dir.resolve(name + "-clean"));
    Map<String, List<Path>> dirty = RandomScenario.generate(11, 200, 180, 0.3).write(dir.resolve(name + "-dirty"));
    Map<String, Long> cleanLines = new TreeMap<>();
    for (var entry : bad.entrySet()) {
      Path file = dirty.containsKey(entry.getKey()) ? dirty.get(entry.getKey()).get(0)
          : dir.resolve(name + "-dirty").resolve(entry.getKey() + ".jsonl");
      if (!dirty.containsKey(entry.getKey())) {
        Files.createFile(file);
        dirty = new java.util.HashMap<>(dirty);
        dirty.put(entry.getKey(), List.of(file));
      }
      cleanLines.put(entry.getKey(), Files.lines(file).count());
      StringBuilder appended = new StringBuilder();
      for (String[] record : entry.getValue()) {
        appended.append(record[0]).append('\n');
      }
      Files.writeString(file, appended, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
    SolventConfig config = SolventConfig.defaults().with("job.parallelism", "2");
    var expected = PipelineRun.run(clean, dir.resolve(name + "-out-clean"), config);
    var actual = PipelineRun.run(dirty, dir.resolve(name + "-out-dirty"), config);

    var expectedTopics = expected.canonical();
    var actualTopics = actual.canonical();
    for (String topic : expectedTopics.keySet()) {
      if (!topic.equals("dead.letters")) {
        assertThat(actualTopics.get(topic)).as(topic).isEqualTo(expectedTopics.get(topic));
      }
    }
    assertThat(expected.records(Topics.DEAD_LETTERS)).isEmpty();
    List<DeadLetter> letters = actual.records(Topics.DEAD_LETTERS);
    int injected = bad.values().stream().mapToInt(List::size).sum();
    assertThat(letters).hasSize(injected);
    for (var entry : bad.entrySet()) {
      List<DeadLetter> ofTopic = letters.stream().filter(l -> l.getSourceTopic().equals(entry.getKey()))
          .sorted(java.util.Comparator.comparingLong(DeadLetter::getOffset)).toList();
      assertThat(ofTopic).hasSize(entry.getValue().size());
      for (int i = 0; i < ofTopic.size(); i++) {
        DeadLetter letter = ofTopic.get(i);
        assertThat(List.of(entry.getValue().get(i)[1].split("\\|")))
            .as(entry.getKey() + " line " + (i + 1) + ": " + letter.getDetail()).contains(letter.getReason().name());
        assertThat(letter.getOffset()).isEqualTo(cleanLines.get(entry.getKey()) + i + 1);
        assertThat(letter.getPartition()).isZero();
        assertThat(letter.getDetail()).isNotBlank();
      }
    }
    return letters;
  }
}
