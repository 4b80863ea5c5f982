package io.owm.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboards and the Prometheus scrape configuration, offline. Whether every panel's query returns data
 * against the real services is checked by the devstack's ObservabilityIT.
 */
class DashboardTests {

    private static final Path DASHBOARDS = Repo.path("deploy/grafana/dashboards");

    @Test
    void everyDashboardIsProvisionableAndEveryPanelQueriesTheProvisionedDatasource() throws IOException {
        List<Path> files = dashboards();
        assertThat(files).extracting(f -> f.getFileName().toString())
                .contains("admin-overview.json", "operator.json");
        Set<String> uids = new HashSet<>();
        for (Path file : files) {
            JsonNode dashboard = Repo.JSON.readTree(file.toFile());
            assertThat(uids.add(dashboard.path("uid").asText())).as("unique uid in " + file).isTrue();
            assertThat(dashboard.path("panels").size()).as(file.toString()).isGreaterThan(5);
            for (JsonNode panel : dashboard.path("panels")) {
                String where = file.getFileName() + " / " + panel.path("title").asText();
                assertThat(panel.path("datasource").path("uid").asText()).as(where).isEqualTo("prometheus");
                assertThat(panel.path("targets").size()).as(where).isPositive();
                for (JsonNode target : panel.path("targets")) {
                    String expression = target.path("expr").asText();
                    assertThat(expression).as(where).isNotBlank();
                    // Per-user numbers come from the read model; a user label would grow Prometheus without bound.
                    assertThat(expression).as(where).doesNotContainPattern("\\buser(_id)?\\b");
                }
            }
        }
    }

    @Test
    void prometheusScrapesTheFourServicesWhereTheyServeMetrics() {
        Map<String, Object> config = Repo.yaml(Repo.path("deploy/prometheus/prometheus.yml"));
        String text = config.toString();
        assertThat(text).contains("/actuator/prometheus");
        // Actuator is on the management ports (gateway 7879, billing 7891, catalog 7892, analytics 7893) only.
        for (Service service : Service.all()) {
            assertThat(text).contains(service.name() + ":" + service.managementPort())
                    .doesNotContain(service.name() + ":" + service.port());
        }
    }

    private static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }
}
