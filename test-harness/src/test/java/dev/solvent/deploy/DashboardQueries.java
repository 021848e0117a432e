package dev.solvent.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The Grafana dashboards in deploy/grafana/dashboards and the PromQL they run, as Prometheus would see it. */
public final class DashboardQueries {

  static final Path FOLDER = Path.of(System.getProperty("solvent.project.dir", "..")).toAbsolutePath().normalize()
      .resolve("deploy/grafana/dashboards");
  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*\\w+\\)");

  /** One query of a dashboard: where it is, and its PromQL. */
  public record Query(String where, String expr) {

    /** The PromQL with the template variables of an "All" selection and a one-minute rate interval. */
    public String resolved() {
      Matcher labelValues = LABEL_VALUES.matcher(expr);
      String promql = labelValues.matches() ? labelValues.group(1) : expr;
      return promql.replace("$__rate_interval", "1m").replace("$job", ".*").replace("$underlying", ".*");
    }
  }

  private DashboardQueries() {}

  static List<Path> files() {
    try (Stream<Path> files = Files.list(FOLDER)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode read(Path file) {
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every panel target's expression and every template variable's query, of every dashboard. */
  public static List<Query> all() {
    return files().stream().flatMap(file -> of(file).stream()).toList();
  }

  /** Every panel target's expression and every template variable's query of one dashboard. */
  static List<Query> of(Path file) {
    List<Query> queries = new ArrayList<>();
    JsonNode dashboard = read(file);
    String title = dashboard.path("title").asText();
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      queries.add(new Query(title + " / variable $" + variable.path("name").asText(),
          variable.path("query").path("query").asText()));
    }
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        queries.add(new Query(title + " / " + panel.path("title").asText() + " / " + target.path("refId").asText(),
            target.path("expr").asText()));
      }
    }
    return queries;
  }
}
