package dev.solvent.cli.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.solvent.harness.explain.AccountRebuild;
import dev.solvent.harness.history.TopicFiles;
import dev.solvent.harness.loop.LoopRecord;
import dev.solvent.job.account.AccountRecords;
import dev.solvent.job.account.RiskSettings;
import dev.solvent.job.config.SolventConfig;
import dev.solvent.risk.book.AccountBook;
import dev.solvent.risk.book.AccountOutput;
import dev.solvent.schema.JsonFormat;
import dev.solvent.schema.Topic;
import dev.solvent.schema.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * "Why was I liquidated?" from what was recorded: {@code explain --account ID --at TIME} over a run's topics. The
 * account's snapshot at that time is rebuilt from the recorded inputs and the job's configuration
 * ({@link AccountRebuild}), explained as a snapshot file would be, with the book's decision at that instant and the
 * chain of the account's recorded records up to it.
 */
final class RecordedExplanation {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RecordedExplanation() {}

  /** What the rebuild reads whole: the specs, vols and prices every account is valued against. */
  private static final java.util.Set<String> MARKET = java.util.Set.of(Topics.INSTRUMENTS.name(),
      Topics.MARKET_VOLS.name(), Topics.ORACLE_PRICES.name());

  /**
   * The records of the topic files ({@code TOPIC.jsonl} or {@code TOPIC.avro}) in the folders that the account's
   * explanation needs: the market topics whole, of every other topic only the lines that name the account (the raw
   * ticks, which the job's prices already summarise, not at all).
   */
  static List<LoopRecord> read(List<Path> folders, String account) {
    String named;
    try {
      named = MAPPER.writeValueAsString(account);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<LoopRecord> records = new ArrayList<>();
    for (Path folder : folders) {
      if (!Files.isDirectory(folder)) {
        throw new InputError("--topics", folder + " is not a folder of topic files");
      }
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.sorted().toList()) {
          String name = file.getFileName().toString();
          String topic = name.replaceFirst("\\.(jsonl|avro)$", "");
          if (topic.equals(name) || topic.equals(Topics.MARKET_TICKS.name())
              || Topics.ALL.stream().noneMatch(t -> t.name().equals(topic))) {
            continue;
          }
          records.addAll(MARKET.contains(topic) ? TopicFiles.read(file, topic)
              : TopicFiles.read(file, topic, line -> line.contains(named)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + folder, e);
      }
    }
    if (records.stream().noneMatch(r -> r.topic().equals(Topics.ORACLE_PRICES.name()))) {
      throw new InputError("--topics", "no oracle.prices among " + folders + ": the rebuild needs the job's prices");
    }
    return records;
  }

  static ObjectNode explain(String account, long at, List<LoopRecord> records, SolventConfig config,
      String configSource) {
    AccountRebuild rebuild = AccountRebuild.of(account, records, config);
    if (!rebuild.known()) {
      throw new InputError("--account", "no account.events of account '" + account + "' in the topics");
    }
    AccountRebuild.At state = rebuild.at(at);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("account", account);
    out.put("at", Instant.ofEpochMilli(at).toString());
    out.put("lastValuation", state.lastStep() == Long.MIN_VALUE ? null : Instant.ofEpochMilli(state.lastStep())
        .toString());
    out.put("configuration", configSource);
    AccountBook.Snapshot snapshot = state.snapshot().orElseThrow(() -> new InputError("--at", "account '" + account
        + "' holds nothing priced at " + Instant.ofEpochMilli(at)));
    out.set("explanation", Explainer.explain(new ExplainInput(snapshot.account(), snapshot.instruments(),
        snapshot.market(), RiskSettings.parameters(config))));
    ArrayNode decision = out.putArray("decisionAtTime");
    for (AccountOutput output : state.outputsAtTime()) {
      AccountRecords.topicRecord(output).ifPresent(r -> decision.add(entry(r.topic().name(), r.record())));
    }
    out.set("chain", chain(account, at, records));
    return out;
  }

  /**
   * The account's recorded records up to {@code at}, in time order: every record of a topic keyed by the account
   * (its events and fills, margin updates and calls, liquidation orders, auctions and bids) and every other record
   * naming it in an {@code accountId} field (ADL orders, fund ledger entries).
   */
  private static ArrayNode chain(String account, long at, List<LoopRecord> records) {
    List<LoopRecord> mine = new ArrayList<>();
    for (LoopRecord r : records) {
      if (r.time() <= at && !r.topic().equals(Topics.ORACLE_PRICES.name()) && names(r, account)) {
        mine.add(r);
      }
    }
    mine.sort(Comparator.comparingLong(LoopRecord::time));
    ArrayNode chain = JsonNodeFactory.instance.arrayNode();
    mine.forEach(r -> chain.add(entry(r.topic(), (SpecificRecord) r.record())));
    return chain;
  }

  @SuppressWarnings("unchecked")
  private static boolean names(LoopRecord r, String account) {
    Topic<SpecificRecord> topic = (Topic<SpecificRecord>) Topics.byName(r.topic());
    SpecificRecord value = (SpecificRecord) r.record();
    if (account.equals(topic.key(value))) {
      return true;
    }
    Schema.Field field = value.getSchema().getField("accountId");
    return field != null && account.equals(String.valueOf(value.get(field.pos())));
  }

  private static JsonNode entry(String topic, SpecificRecord record) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("topic", topic);
    try {
      node.set("record", MAPPER.readTree(JsonFormat.write(record)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return node;
  }
}
