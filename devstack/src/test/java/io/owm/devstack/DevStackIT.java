package io.owm.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole system as a newcomer runs it: the devstack with its embedded broker and database and the four
 * service jars as separate processes, driven over HTTP the way the OpenWebUI function and an admin do. The stack
 * is the one {@link RunningStack} shares with the other end-to-end tests; every test invents its own users.
 */
@ExtendWith(RunningStack.class)
class DevStackIT {

    private static final String API_KEY = RunningStack.API_KEY;
    private static final String ACCESS_TOKEN = RunningStack.ACCESS_TOKEN;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String gateway;

    @BeforeAll
    static void connect(RunningStack.Gateway running) {
        gateway = running.url();
    }

    @Test
    void anInletForANewUserAnswersTheInitialBalanceAndAnOutletChargesTheDefaultPrices() {
        String user = "newcomer-" + UUID.randomUUID();
        JsonNode inlet = post("/api/v1/inlet", API_KEY, """
                {"user": {"id": "%s", "name": "New Comer", "api_key": "sk-never-stored"},
                 "body": {"model": "unknown-model", "messages": [{"role": "user", "content": "hi"}]}}
                """.formatted(user), 200);
        assertThat(inlet.path("success").asBoolean()).isTrue();
        assertThat(inlet.path("balance").decimalValue()).isEqualByComparingTo("10");

        JsonNode outlet = post("/api/v1/outlet", API_KEY, outletBody(user, "chat-1", "msg-1"), 200);
        assertThat(outlet.path("inputTokens").asLong()).isEqualTo(1000);
        assertThat(outlet.path("outputTokens").asLong()).isEqualTo(1000);
        assertThat(outlet.path("totalCost").decimalValue()).isEqualByComparingTo("0.12");
        assertThat(outlet.path("newBalance").decimalValue()).isEqualByComparingTo("9.88");
        assertThat(balanceListedFor(user)).isEqualByComparingTo("9.88");
    }

    @Test
    void theSameOutletSentFiveTimesLowersTheBalanceOnce() {
        String user = "retrier-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            JsonNode answer = post("/api/v1/outlet", API_KEY, outletBody(user, "chat-r", "msg-r"), 200);
            assertThat(answer.path("newBalance").decimalValue()).isEqualByComparingTo("9.88");
        }
        assertThat(balanceListedFor(user)).isEqualByComparingTo("9.88");
    }

    @Test
    void aWrongKeyIsRefusedAndTheKeysDoNotOpenEachOthersDoors() {
        post("/api/v1/outlet", "wrong-key", outletBody("x", "c", "m"), 401);
        post("/api/v1/inlet", ACCESS_TOKEN, outletBody("x", "c", "m"), 401);
        assertThat(get("/api/v1/users", API_KEY).statusCode()).isEqualTo(401);
    }

    @Test
    void usageTotalsEqualTheSumOfTheChargesAndChargedModelsAreListed() {
        String user = "analyst-" + UUID.randomUUID();
        String model = "model-" + UUID.randomUUID();
        for (int i = 0; i < 10; i++) {
            String body = outletBody(user, "chat-u", "msg-" + i).replace("unknown-model", model);
            post("/api/v1/outlet", API_KEY, body, 200);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode usage = JSON.readTree(get("/api/v1/panel/usage", ACCESS_TOKEN).body());
            JsonNode row = null;
            for (JsonNode m : usage.path("models")) {
                if (m.path("model_name").asString().equals(model)) {
                    row = m;
                }
            }
            assertThat(row).as("usage row of " + model).isNotNull();
            assertThat(row.path("total_count").asLong()).isEqualTo(10);
            assertThat(row.path("total_cost").decimalValue()).isEqualByComparingTo("1.2");
        });
        await().atMost(Duration.ofSeconds(30)).until(
                () -> get("/api/v1/models", ACCESS_TOKEN).body().contains("\"" + model + "\""));
    }

    @Test
    void modelsAreListedWithDefaultPricesAndAPriceChangeAppliesToTheNextOutlet() {
        HttpResponse<String> listed = get("/api/v1/models", ACCESS_TOKEN);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.headers().firstValue("X-OpenWebUI-Sync-Error")).isEmpty();
        JsonNode derived = modelIn(JSON.readTree(listed.body()), FakeOpenWebUi.DERIVED_MODEL);
        assertThat(derived.path("base_model_id").asString()).isEqualTo(FakeOpenWebUi.BASE_MODEL);

        // A model of its own, seen first in traffic, so that no other test has priced it.
        String model = "priced-" + UUID.randomUUID();
        String user = "priced-user-" + UUID.randomUUID();
        post("/api/v1/inlet", API_KEY, """
                {"user": {"id": "%s"}, "body": {"model": "%s", "messages": [{"role": "user", "content": "hi"}]}}
                """.formatted(user, model), 200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode seen = modelIn(JSON.readTree(get("/api/v1/models?sync=false", ACCESS_TOKEN).body()), model);
            assertThat(seen.path("input_price").decimalValue()).isEqualByComparingTo("60");
            assertThat(seen.path("output_price").decimalValue()).isEqualByComparingTo("60");
            assertThat(seen.path("per_msg_price").decimalValue()).isEqualByComparingTo("-1");
        });

        JsonNode priced = post("/api/v1/models/price", ACCESS_TOKEN, """
                [{"id": "%s", "input_price": 1.5, "output_price": 2, "per_msg_price": -1}]
                """.formatted(model), 200);
        assertThat(priced.path("success").asBoolean()).isTrue();

        JsonNode outlet = post("/api/v1/outlet", API_KEY, outletBody(user, model, "chat-p", "msg-p"), 200);
        // 1000 input tokens at 1.5 and 1000 output tokens at 2 USD per million
        assertThat(outlet.path("totalCost").decimalValue()).isEqualByComparingTo("0.0035");
        assertThat(outlet.path("newBalance").decimalValue()).isEqualByComparingTo("9.9965");
    }

    @Test
    void theApiDescriptionCoversTheFunctionAndAdminApiOfEveryServiceWithTheirKeys() {
        // The services' parts are fetched in the background: wait until all three are in.
        JsonNode api = await().atMost(Duration.ofSeconds(60)).until(
                () -> JSON.readTree(get("/v3/api-docs", "none").body()),
                doc -> doc.path("paths").has("/api/v1/users/{id}/balance") && doc.path("paths").has("/api/v1/models/price")
                        && doc.path("paths").has("/api/v1/panel/usage"));
        JsonNode paths = api.path("paths");
        assertThat(paths.has("/api/v1/outlet")).isTrue();
        assertThat(paths.has("/api/v1/panel/database/import")).isTrue();
        assertThat(paths.propertyNames()).noneMatch(path -> path.startsWith("/internal"));
        assertThat(api.path("components").path("securitySchemes").has("functionKey")).isTrue();
        assertThat(api.path("components").path("securitySchemes").has("adminToken")).isTrue();
        assertThat(paths.path("/api/v1/outlet").path("post").path("security").toString()).contains("functionKey");
        assertThat(paths.path("/api/v1/models/price").path("post").path("security").toString())
                .contains("adminToken");
        assertThat(get("/api-docs/ui", "none").statusCode()).isIn(200, 302);
    }

    private static JsonNode modelIn(JsonNode models, String id) {
        for (JsonNode model : models) {
            if (id.equals(model.path("id").asString())) {
                return model;
            }
        }
        throw new AssertionError("No model " + id + " listed");
    }

    private static String outletBody(String user, String chatId, String messageId) {
        return outletBody(user, "unknown-model", chatId, messageId);
    }

    private static String outletBody(String user, String model, String chatId, String messageId) {
        return """
                {"user": {"id": "%s", "name": "Tester"},
                 "body": {"model": "%s", "chat_id": "%s", "id": "%s", "messages": [
                   {"role": "user", "content": "Tell me a story"},
                   {"role": "assistant", "content": "Once upon a time",
                    "usage": {"prompt_tokens": 1000, "completion_tokens": 1000, "total_tokens": 2000}}]}}
                """.formatted(user, model, chatId, messageId);
    }

    private static java.math.BigDecimal balanceListedFor(String user) {
        JsonNode page = JSON.readTree(get("/api/v1/users?search=" + user, ACCESS_TOKEN).body());
        assertThat(page.path("total").asLong()).isEqualTo(1);
        return page.path("users").get(0).path("balance").decimalValue();
    }

    private static JsonNode post(String path, String key, String body, int expectedStatus) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> get(String path, String key) {
        return send(HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Authorization", "Bearer " + key).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        return TestHttp.send(request);
    }
}
