package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.solvent.deploy.DashboardQueries;
import dev.solvent.harness.crash.CrashScenario;
import dev.solvent.harness.kafka.TopicIO;
import dev.solvent.harness.kafka.TopicLoader;
import dev.solvent.schema.Topics;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring as deployed: solvent-local's stack with Prometheus (Debian package, installed by the script where
 * missing) scraping the Flink reporters, the crash scenario replayed from Kafka by the submitted job. Every PromQL
 * query of every dashboard panel and template variable, and the watched part of every alert rule (the expression
 * before its threshold comparison), must return at least one series from the live job: a query that can never
 * return data is a broken panel or an alert that cannot fire.
 */
class MonitoringITCase {

  private static final Path RULES = LocalStack.ROOT.resolve("deploy/prometheus/rules");
  /** A rule's expression is "watched comparison threshold"; the watched part must have series. */
  private static final Pattern THRESHOLD = Pattern.compile("(?s)^(.*\\S)\\s*(?:<=|>=|==|!=|<|>)\\s*[-+0-9.eE]+$");
  private static final long DEADLINE_MILLIS = 240_000;

  @TempDir
  static Path state;
  private static LocalStack stack;
  private static String job;

  @BeforeAll
  static void startStackAndJob() throws Exception {
    stack = new LocalStack(state, 19192, 18181, 19390);
    stack.run("up");
    TopicLoader.load(stack.bootstrap(),
        CrashScenario.generate(new CrashScenario.Settings(500, 20_200_312L, new BigDecimal("10000"))), 2,
        new PrintStream(OutputStream.nullOutputStream()));
    // Unbounded, as in production: a finished task's metrics leave the reporter, a running one's stay.
    job = stack.submit(2, null, "kafka.transactional-id-prefix=monitoring", "kafka.group-id=monitoring",
        "checkpoint.interval-ms=2000", "oracle.deviation-threshold=0.004", "oracle.heartbeat-ms=300000");
  }

  @AfterAll
  static void stopStack() throws Exception {
    if (job != null) {
      stack.cancel(job);
    }
    stack.run("down");
  }

  @Test
  void promtoolAcceptsTheRulesAndPrometheusLoadedThemAll() throws Exception {
    List<String> command = new ArrayList<>(List.of("promtool", "check", "rules"));
    try (Stream<Path> files = Files.list(RULES)) {
      files.filter(p -> p.toString().endsWith(".yml")).sorted().forEach(p -> command.add(p.toString()));
    }
    Process promtool = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(promtool.getInputStream().readAllBytes());
    assertThat(promtool.waitFor(60, TimeUnit.SECONDS) && promtool.exitValue() == 0).as(output).isTrue();
    assertThat(alertRules()).as("rules Prometheus loaded").hasSizeGreaterThanOrEqualTo(6);
  }

  @Test
  void everyDashboardQueryAndEveryAlertReturnsSeriesFromTheLiveJob() throws Exception {
    Map<String, String> queries = new LinkedHashMap<>();
    for (DashboardQueries.Query q : DashboardQueries.all()) {
      queries.put(q.where(), q.resolved());
    }
    Map<String, String> rules = alertRules();
    rules.forEach((name, expr) -> {
      Matcher m = THRESHOLD.matcher(expr);
      queries.put("alert " + name, m.matches() ? m.group(1) : expr);
    });

    Map<String, String> empty = new LinkedHashMap<>(queries);
    long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
    while (!empty.isEmpty() && System.currentTimeMillis() < deadline) {
      for (var it = empty.entrySet().iterator(); it.hasNext(); ) {
        JsonNode result = stack.query(it.next().getValue());
        if (result.isArray() && !result.isEmpty()) {
          it.remove();
        }
      }
      if (!empty.isEmpty()) {
        Thread.sleep(5_000);
      }
    }
    System.out.printf("%d queries (%d dashboard, %d alert rules): %d returned series%n", queries.size(),
        queries.size() - rules.size(), rules.size(), queries.size() - empty.size());
    assertThat(empty).as("queries without any series after %d s", DEADLINE_MILLIS / 1000).isEmpty();
  }

  @Test
  void theLiquidationCountersAgreeWithTheCommittedOrders() throws Exception {
    long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
    long committed = -1;
    double counted = -2;
    while (System.currentTimeMillis() < deadline) {
      committed = TopicIO.readCommitted(stack.bootstrap(), Topics.LIQUIDATION_ORDERS).size();
      JsonNode sum = stack.query("sum(flink_taskmanager_job_task_operator_solvent_kind_liquidation_orders)");
      counted = sum.isEmpty() ? -1 : sum.get(0).path("value").get(1).asDouble();
      if (committed > 0 && counted == committed) {
        break;
      }
      Thread.sleep(5_000);
    }
    System.out.printf("liquidation orders: %,d committed, %,.0f counted by the metric%n", committed, counted);
    assertThat(committed).as("the crash liquidates").isPositive();
    assertThat(counted).as("the metric counts each order once").isEqualTo((double) committed);
  }

  /** The alert rules Prometheus loaded, by name, with their expressions as it parsed them; each evaluated cleanly. */
  private static Map<String, String> alertRules() throws Exception {
    Map<String, String> rules = new LinkedHashMap<>();
    for (JsonNode group : stack.prometheusApi("/api/v1/rules?type=alert").path("data").path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        assertThat(rule.path("health").asText()).as(rule.path("name") + ": " + rule.path("lastError"))
            .isIn("ok", "unknown");
        rules.put(rule.path("name").asText(), rule.path("query").asText());
      }
    }
    return rules;
  }
}
