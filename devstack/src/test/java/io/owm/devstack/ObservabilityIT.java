package io.owm.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.owm.localinfra.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Observability end to end: a real Prometheus (Debian's {@code prometheus} package, {@code /usr/bin/prometheus})
 * scrapes the shared devstack's four services while chats, blocked inlets, model tests and admin calls flow
 * through the gateway; then every PromQL expression of every Grafana dashboard in {@code deploy/grafana/dashboards}
 * must return at least one series. A panel that would stay empty fails the build. The same traffic checks that the
 * analytics panel, records and per-user endpoints agree with the charges the gateway answered.
 */
@ExtendWith(RunningStack.class)
class ObservabilityIT {

    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path DASHBOARDS = Path.of("..", "deploy", "grafana", "dashboards");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * What Grafana would put in for its variables on a dashboard showing the last few minutes: the dashboards' own
     * defaults (the job of compose's scrape config, every namespace and instance).
     */
    private static final Map<String, String> GRAFANA_VARIABLES = Map.of(
            "$__rate_interval", "1m", "$__range", "5m", "$__interval", "15s",
            "$job", "openwebui-monitor", "$namespace", ".*", "$instance", ".*");

    private static String gateway;
    private static Process prometheus;
    private static String prometheusUrl;
    private static Path workDir;

    @BeforeAll
    static void startPrometheus(RunningStack.Gateway running, RunningStack.Ports ports) throws IOException {
        gateway = running.url();
        assertThat(PROMETHEUS).as("Debian's prometheus package (apt-get install prometheus; .ci/run installs it)")
                .isExecutable();
        workDir = Files.createTempDirectory("owm-prometheus-it");
        Path config = workDir.resolve("prometheus.yml");
        Files.writeString(config, scrapeConfig(ports));
        int port = FreePorts.next();
        prometheusUrl = "http://127.0.0.1:" + port;
        prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + workDir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("prometheus.log").toFile())
                .start();
        // Refused connections are expected until Prometheus listens; its exit is not, and ends the wait at once.
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptionsInstanceOf(UncheckedIOException.class)
                .failFast("prometheus exited, see " + workDir.resolve("prometheus.log"), () -> !prometheus.isAlive())
                .untilAsserted(() -> assertThat(healthyTargets()).containsExactlyInAnyOrder("gateway-service",
                        "billing-service", "catalog-service", "analytics-service"));
    }

    private static List<String> healthyTargets() {
        List<String> up = new ArrayList<>();
        prometheusApi("/api/v1/targets?state=active").path("data").path("activeTargets").forEach(target -> {
            if (target.path("health").asString().equals("up")) {
                up.add(target.path("labels").path("service").asString());
            }
        });
        return up;
    }

    @AfterAll
    static void stopPrometheus() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void afterTenOutletsTheUsagePanelTotalsEqualTheSumOfTheCharges() {
        String user = "spender-" + UUID.randomUUID();
        String nickname = "Spender " + UUID.randomUUID();
        String model = "obs-model-" + UUID.randomUUID();
        BigDecimal charged = BigDecimal.ZERO;
        long tokens = 0;
        for (int i = 0; i < 10; i++) {
            JsonNode answer = post("/api/v1/outlet", RunningStack.API_KEY,
                    outletBody(user, nickname, model, "chat-o", "msg-" + i, 100 * (i + 1), 50 * (i + 1)), 200);
            assertThat(answer.path("pending").asBoolean(false)).as("billing answered in time").isFalse();
            charged = charged.add(answer.path("totalCost").decimalValue());
            tokens += answer.path("inputTokens").asLong() + answer.path("outputTokens").asLong();
        }
        BigDecimal expectedCost = charged;
        long expectedTokens = tokens;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode usage = getJson("/api/v1/panel/usage");
            JsonNode modelRow = find(usage.path("models"), "model_name", model);
            assertThat(modelRow.path("total_count").asLong()).isEqualTo(10);
            assertThat(modelRow.path("total_cost").decimalValue()).isEqualByComparingTo(expectedCost);
            JsonNode userRow = find(usage.path("users"), "nickname", nickname);
            assertThat(userRow.path("total_count").asLong()).isEqualTo(10);
            assertThat(userRow.path("total_cost").decimalValue()).isEqualByComparingTo(expectedCost);
        });
        JsonNode records = getJson("/api/v1/panel/records?pageSize=100&users=" + user + "&models=" + model);
        assertThat(records.path("total").asLong()).isEqualTo(10);
        BigDecimal recordsCost = BigDecimal.ZERO;
        long recordsTokens = 0;
        for (JsonNode r : records.path("records")) {
            recordsCost = recordsCost.add(r.path("cost").decimalValue());
            recordsTokens += r.path("input_tokens").asLong() + r.path("output_tokens").asLong();
        }
        assertThat(recordsCost).isEqualByComparingTo(expectedCost);
        assertThat(recordsTokens).isEqualTo(expectedTokens);
        assertThat(getJson("/api/v1/panel/users/" + user + "/spend?bucket=day").path("total_cost").decimalValue())
                .isEqualByComparingTo(expectedCost);
        String csv = get("/api/v1/panel/records/export?users=" + user, RunningStack.ACCESS_TOKEN).body();
        assertThat(csv.split("\r\n")).hasSize(11)
                .startsWith("User,Time,Model,Input tokens,Output tokens,Cost,Balance");
        assertThat(get("/api/v1/panel/records?sortField=use_time;SELECT%20pg_sleep(2)--", RunningStack.ACCESS_TOKEN)
                .statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/panel/users/top", RunningStack.API_KEY).statusCode())
                .as("the function key does not open the admin API").isEqualTo(401);
    }

    @Test
    void everyDashboardPanelQueryReturnsASeriesWhileTrafficFlows() throws IOException {
        generateTraffic();
        Map<String, String> queries = dashboardQueries();
        assertThat(queries).as("PromQL expressions in " + DASHBOARDS.toAbsolutePath()).hasSizeGreaterThan(20);
        List<String> empty = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            empty.clear();
            queries.forEach((panel, expression) -> {
                if (seriesOf(expression) == 0) {
                    empty.add(panel + ": " + expression);
                }
            });
            assertThat(empty).as("dashboard panels whose query returns no series").isEmpty();
        });
    }

    /** Chats with reported and estimated tokens, a blocked user, a plan's grant, model tests, admin calls, bad keys. */
    private static void generateTraffic() {
        String user = "traffic-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            post("/api/v1/inlet", RunningStack.API_KEY, """
                    {"user": {"id": "%s", "name": "Traffic"},
                     "body": {"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]}}
                    """.formatted(user), 200);
            post("/api/v1/outlet", RunningStack.API_KEY,
                    outletBody(user, "Traffic", "gpt-4o", "chat-t", "msg-" + i, 200, 80), 200);
            // No usage in the reply: the gateway counts the tokens itself, an estimated charge.
            post("/api/v1/outlet", RunningStack.API_KEY, """
                    {"user": {"id": "%s"}, "body": {"model": "gpt-4o", "chat_id": "chat-e", "id": "est-%d",
                     "messages": [{"role": "user", "content": "Count these words please"},
                                  {"role": "assistant", "content": "One two three four five"}]}}
                    """.formatted(user, i), 200);
        }
        String blocked = "blocked-" + UUID.randomUUID();
        post("/api/v1/inlet", RunningStack.API_KEY, """
                {"user": {"id": "%s"}, "body": {"model": "gpt-4o", "messages": []}}
                """.formatted(blocked), 200);
        assertThat(send(request("/api/v1/users/" + blocked, RunningStack.ACCESS_TOKEN).DELETE().build())
                .statusCode()).isLessThan(300);
        JsonNode refused = post("/api/v1/inlet", RunningStack.API_KEY, """
                {"user": {"id": "%s"}, "body": {"model": "gpt-4o", "messages": []}}
                """.formatted(blocked), 200);
        assertThat(refused.path("balance").asInt()).isEqualTo(-1);
        // A plan's allowance, granted at the user's next chat: the "Grants and refusals" panel.
        String plan = "traffic-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(send(request("/api/v1/plans/" + plan, RunningStack.ACCESS_TOKEN)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"amount\": 1, \"period\": \"day\", \"mode\": \"add\"}")).build()).statusCode())
                .isEqualTo(200);
        assertThat(send(request("/api/v1/users/" + user + "/plan", RunningStack.ACCESS_TOKEN)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"plan\": \"" + plan + "\"}")).build()).statusCode())
                .isEqualTo(200);
        post("/api/v1/inlet", RunningStack.API_KEY, """
                {"user": {"id": "%s"}, "body": {"model": "gpt-4o", "messages": []}}
                """.formatted(user), 200);
        for (String model : List.of(FakeOpenWebUi.BASE_MODEL, FakeOpenWebUi.BROKEN_MODEL)) {
            send(request("/api/v1/models/test", RunningStack.ACCESS_TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"modelId\": \"" + model + "\"}")).build());
        }
        get("/api/v1/users", RunningStack.ACCESS_TOKEN);
        get("/api/v1/models", RunningStack.ACCESS_TOKEN);
        get("/api/v1/panel/usage", RunningStack.ACCESS_TOKEN);
        get("/api/v1/panel/users/top", RunningStack.ACCESS_TOKEN);
        get("/api/v1/users", "wrong-key");
    }

    private static String fillIn(String expression) {
        for (var variable : GRAFANA_VARIABLES.entrySet()) {
            expression = expression.replace(variable.getKey(), variable.getValue());
        }
        return expression;
    }

    /** Every target of every panel, keyed "dashboard / panel / ref", with Grafana's variables filled in. */
    private static Map<String, String> dashboardQueries() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = JSON.readTree(file.toFile());
                // A variable's choices come from label_values(<selector>, <label>): the selector must find series.
                for (JsonNode variable : dashboard.path("templating").path("list")) {
                    String definition = variable.path("definition").asString();
                    if (definition.startsWith("label_values(")) {
                        String selector = definition.substring("label_values(".length(), definition.lastIndexOf(','));
                        queries.put(file.getFileName() + " / variable " + variable.path("name").asString(),
                                fillIn(selector));
                    }
                }
                for (JsonNode panel : dashboard.path("panels")) {
                    for (JsonNode target : panel.path("targets")) {
                        String expression = fillIn(target.path("expr").asString());
                        assertThat(expression).as(file + " " + panel.path("title")).doesNotContain("$");
                        queries.put(file.getFileName() + " / " + panel.path("title").asString() + " / "
                                + target.path("refId").asString(), expression);
                    }
                }
            }
        }
        return queries;
    }

    private static int seriesOf(String expression) {
        JsonNode answer = prometheusApi("/api/v1/query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8));
        assertThat(answer.path("status").asString()).as(expression + ": " + answer).isEqualTo("success");
        return answer.path("data").path("result").size();
    }

    private static String scrapeConfig(RunningStack.Ports ports) {
        StringBuilder yaml = new StringBuilder("""
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: openwebui-monitor
                    metrics_path: /actuator/prometheus
                    static_configs:
                """);
        Map<String, Integer> services = Map.of("gateway-service", ports.gateway(), "billing-service",
                ports.billing(), "catalog-service", ports.catalog(), "analytics-service", ports.analytics());
        services.forEach((service, port) -> yaml.append("""
                      - targets: ["127.0.0.1:%d"]
                        labels:
                          service: %s
                """.formatted(port, service)));
        return yaml.toString();
    }

    private static String outletBody(String user, String nickname, String model, String chatId, String messageId,
            long input, long output) {
        return """
                {"user": {"id": "%s", "name": "%s"},
                 "body": {"model": "%s", "chat_id": "%s", "id": "%s", "messages": [
                   {"role": "user", "content": "Tell me a story"},
                   {"role": "assistant", "content": "Once upon a time",
                    "usage": {"prompt_tokens": %d, "completion_tokens": %d}}]}}
                """.formatted(user, nickname, model, chatId, messageId, input, output);
    }

    private static JsonNode find(JsonNode rows, String field, String value) {
        for (JsonNode row : rows) {
            if (row.path(field).asString().equals(value)) {
                return row;
            }
        }
        throw new AssertionError("no row with " + field + " = " + value + " in " + rows);
    }

    private static JsonNode prometheusApi(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(prometheusUrl + path)).GET().build());
        // 503 "Service Unavailable" while Prometheus opens its storage.
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode post(String path, String key, String body, int expectedStatus) {
        HttpResponse<String> response = send(request(path, key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    private static JsonNode getJson(String path) {
        HttpResponse<String> response = get(path, RunningStack.ACCESS_TOKEN);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> get(String path, String key) {
        return send(request(path, key).GET().build());
    }

    private static HttpRequest.Builder request(String path, String key) {
        return HttpRequest.newBuilder(URI.create(gateway + path)).header("Authorization", "Bearer " + key);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        return TestHttp.send(request);
    }
}
