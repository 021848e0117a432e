package dev.solvent.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No Grafana server can be installed here (not in Debian, and its licence keeps it off this project's dependency
 * list), so nothing renders the dashboards in the tests. This checks them against the dashboard JSON model fields
 * Grafana requires to import and lay out a dashboard; MonitoringITCase runs every query against a live Prometheus.
 */
class DashboardsTest {

  private static final Set<String> PANEL_TYPES = Set.of("timeseries", "stat", "table", "gauge", "bargauge");
  private static final Pattern VARIABLE = Pattern.compile("\\$(\\w+)");

  @Test
  void theFourDashboardsExistWithUniqueUidsAndTitles() {
    List<String> titles = new ArrayList<>();
    Set<String> uids = new HashSet<>();
    for (Path file : DashboardQueries.files()) {
      JsonNode d = DashboardQueries.read(file);
      String uid = d.path("uid").asText();
      assertThat(uid).as(file + " uid").matches("[a-zA-Z0-9_-]{1,40}");
      assertThat(uids.add(uid)).as(file + " uid unique").isTrue();
      titles.add(d.path("title").asText());
      assertThat(d.path("schemaVersion").asInt()).as(file + " schemaVersion").isGreaterThanOrEqualTo(36);
      assertThat(d.path("time").path("from").asText()).as(file + " time.from").isNotEmpty();
      assertThat(d.path("time").path("to").asText()).as(file + " time.to").isNotEmpty();
      assertThat(d.path("panels").isArray() && !d.path("panels").isEmpty()).as(file + " panels").isTrue();
    }
    assertThat(titles).containsExactlyInAnyOrder("Solvent · Margin health", "Solvent · Oracle", "Solvent · Pipeline",
        "Solvent · Solvency overview");
  }

  @Test
  void panelsAreWellFormedAndTileTheGridWithoutOverlap() {
    for (Path file : DashboardQueries.files()) {
      JsonNode d = DashboardQueries.read(file);
      Set<Integer> ids = new HashSet<>();
      List<int[]> boxes = new ArrayList<>();
      for (JsonNode panel : d.path("panels")) {
        String where = file.getFileName() + " / " + panel.path("title").asText();
        assertThat(panel.path("title").asText()).as(where + " title").isNotBlank();
        assertThat(ids.add(panel.path("id").asInt(-1))).as(where + " id unique").isTrue();
        assertThat(PANEL_TYPES).as(where + " type").contains(panel.path("type").asText());
        JsonNode grid = panel.path("gridPos");
        int x = grid.path("x").asInt(-1);
        int y = grid.path("y").asInt(-1);
        int w = grid.path("w").asInt(-1);
        int h = grid.path("h").asInt(-1);
        assertThat(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= 24).as(where + " gridPos " + grid).isTrue();
        for (int[] other : boxes) {
          boolean overlaps = x < other[0] + other[2] && other[0] < x + w && y < other[1] + other[3] && other[1] < y + h;
          assertThat(overlaps).as(where + " overlaps another panel").isFalse();
        }
        boxes.add(new int[] {x, y, w, h});
        assertThat(panel.path("datasource").path("uid").asText()).as(where + " datasource").isEqualTo(datasourceUid());
        Set<String> refIds = new HashSet<>();
        assertThat(panel.path("targets").isEmpty()).as(where + " targets").isFalse();
        for (JsonNode target : panel.path("targets")) {
          assertThat(refIds.add(target.path("refId").asText())).as(where + " refId unique").isTrue();
          assertThat(target.path("expr").asText()).as(where + " expr").isNotBlank();
        }
      }
    }
  }

  @Test
  void everyVariableAQueryUsesIsDefinedAndEveryDashboardFiltersByJob() {
    for (Path file : DashboardQueries.files()) {
      JsonNode d = DashboardQueries.read(file);
      Set<String> defined = new HashSet<>();
      for (JsonNode variable : d.path("templating").path("list")) {
        defined.add(variable.path("name").asText());
        assertThat(variable.path("datasource").path("uid").asText()).isEqualTo(datasourceUid());
      }
      assertThat(defined).as(file + " template variables").contains("job");
      for (DashboardQueries.Query query : DashboardQueries.of(file)) {
        Matcher m = VARIABLE.matcher(query.expr());
        while (m.find()) {
          if (!m.group(1).startsWith("__")) {
            assertThat(defined).as(query.where() + " uses $" + m.group(1)).contains(m.group(1));
          }
        }
      }
    }
  }

  @Test
  void theProvisioningFilesNameTheDatasourceTheDashboardsUse() throws Exception {
    Path provisioning = DashboardQueries.FOLDER.resolveSibling("provisioning");
    assertThat(Files.readString(provisioning.resolve("dashboards/solvent.yml"))).contains("type: file")
        .contains("path: ${SOLVENT_DASHBOARDS}");
    assertThat(datasourceUid()).isEqualTo("solvent-prometheus");
  }

  private static String datasourceUid() {
    try {
      Path file = DashboardQueries.FOLDER.resolveSibling("provisioning/datasources/solvent.yml");
      Matcher m = Pattern.compile("uid:\\s*(\\S+)").matcher(Files.readString(file));
      return m.find() ? m.group(1) : "";
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
