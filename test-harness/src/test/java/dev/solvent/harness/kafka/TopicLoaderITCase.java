package dev.solvent.harness.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.avro.account.AccountEvent;
import dev.solvent.avro.ticks.MarketTick;
import dev.solvent.avro.ticks.Quote;
import dev.solvent.harness.crash.CrashScenario;
import dev.solvent.harness.loop.Feed;
import dev.solvent.schema.Topics;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.Test;

/** {@code load-topics} on a real KRaft broker: keyed, event-time stamped, heartbeats on every partition, idempotent. */
class TopicLoaderITCase {

  @Test
  void loadsOnceLeavesAnIdenticalLoadAloneAndRefusesOtherData() throws Exception {
    Feed feed = CrashScenario.generate(new CrashScenario.Settings(20, 7, new BigDecimal("1000")));
    PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
    try (KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
            .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .build()) {
      kafka.format();
      kafka.startup();
      kafka.waitForReadyBrokers();
      String bootstrap = kafka.bootstrapServers();

      List<TopicLoader.Loaded> first = TopicLoader.load(bootstrap, feed, 2, quiet);
      assertThat(first).noneMatch(TopicLoader.Loaded::skipped);
      List<TopicLoader.Loaded> second = TopicLoader.load(bootstrap, feed, 2, quiet);
      assertThat(second).allMatch(TopicLoader.Loaded::skipped);
      assertThat(second).extracting(TopicLoader.Loaded::records)
          .containsExactlyElementsOf(first.stream().map(TopicLoader.Loaded::records).toList());

      List<MarketTick> ticks = TopicIO.readCommitted(bootstrap, Topics.MARKET_TICKS);
      long quotes = feed.records().stream().filter(r -> r.topic().equals("market.ticks")).count();
      long minutes = (feed.end() - feed.start()) / TopicLoader.HEARTBEAT_MILLIS + 1;
      assertThat(ticks).hasSize((int) (quotes + 2 * minutes));
      assertThat(ticks).filteredOn(t -> t.getPayload() instanceof Quote).hasSize((int) quotes);
      List<AccountEvent> events = TopicIO.readCommitted(bootstrap, Topics.ACCOUNT_EVENTS);
      assertThat(events.stream().filter(e -> !(e.getPayload() instanceof dev.solvent.avro.account.Heartbeat)).count())
          .isEqualTo(feed.records().stream().filter(r -> r.topic().equals("account.events")).count());

      Feed other = CrashScenario.generate(new CrashScenario.Settings(30, 8, new BigDecimal("1000")));
      assertThatThrownBy(() -> TopicLoader.load(bootstrap, other, 2, quiet))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds other data");
    }
  }
}
