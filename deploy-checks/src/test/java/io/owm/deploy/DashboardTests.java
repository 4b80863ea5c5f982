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
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboards and the Prometheus scrape configuration, offline. Whether every panel's query returns data
 * against the real services is checked by the devstack's ObservabilityIT.
 */
class DashboardTests {

    private static final String SCOPE = "{job=~\"$job\", namespace=~\"$namespace\", instance=~\"$instance\"";
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
                // The datasource is the dashboard's variable, so it works wherever Grafana names its Prometheus.
                assertThat(panel.path("datasource").path("uid").asText()).as(where).isEqualTo("${datasource}");
                assertThat(panel.path("targets").size()).as(where).isPositive();
                for (JsonNode target : panel.path("targets")) {
                    String expression = target.path("expr").asText();
                    assertThat(expression).as(where).isNotBlank();
                    // Per-user numbers come from the read model; a user label would grow Prometheus without bound.
                    assertThat(expression).as(where).doesNotContainPattern("\\buser(_id)?\\b");
                    assertThat(target.path("datasource").path("uid").asText()).as(where).isEqualTo("${datasource}");
                    // Every series selector is scoped by the dashboard's job, namespace and instance variables.
                    assertThat(expression.split("\\{", -1).length - 1).as(where)
                            .isEqualTo(expression.split(Pattern.quote(SCOPE), -1).length - 1);
                }
            }
        }
    }

    @Test
    void everyDashboardChoosesDatasourceJobNamespaceAndInstanceAndDefaultsToComposesJob() throws IOException {
        Map<String, Object> config = Repo.yaml(Repo.path("deploy/prometheus/prometheus.yml"));
        String composeJob = String.valueOf(Repo.map(Repo.list(config.get("scrape_configs")).get(0)).get("job_name"));
        for (Path file : dashboards()) {
            JsonNode variables = Repo.JSON.readTree(file.toFile()).path("templating").path("list");
            assertThat(variables).extracting(v -> v.path("name").asText()).as(file.toString())
                    .containsExactly("datasource", "job", "namespace", "instance");
            assertThat(defaultJob(file)).as(file.toString()).isEqualTo(composeJob);
            for (JsonNode scoped : List.of(variables.get(2), variables.get(3))) {
                // "All" must also match compose's series, which carry no namespace label.
                assertThat(scoped.path("includeAll").asBoolean()).isTrue();
                assertThat(scoped.path("allValue").asText()).isEqualTo(".*");
            }
        }
    }

    /** The job a dashboard shows until the viewer picks another: the deployment's job must be this one. */
    static String defaultJob(Path dashboard) throws IOException {
        for (JsonNode variable : Repo.JSON.readTree(dashboard.toFile()).path("templating").path("list")) {
            if (variable.path("name").asText().equals("job")) {
                return variable.path("current").path("value").asText();
            }
        }
        throw new AssertionError("no job variable in " + dashboard);
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

    static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }
}
