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
 * The original app's admin requests, as its console and scripts send them (the shapes of docs/migration.md), against
 * the running stack: each answer has the fields the original answered, with this project's richer ones beside them.
 * The function API's requests are replayed by functions/tests (the 0.3.x function).
 */
@ExtendWith(RunningStack.class)
class OriginalApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static RunningStack.Gateway gateway;

    @BeforeAll
    static void connect(RunningStack.Gateway running) {
        gateway = running;
    }

    @Test
    void configAndKeyAnswerAsTheOriginal() {
        JsonNode config = call("GET", "/api/v1/config", null, 200);
        assertThat(config.path("apiKey").asString()).isEqualTo(gateway.apiKey());
        assertThat(config.path("status").asInt()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/config/key", null, 200).path("apiKey").asString()).isEqualTo(gateway.apiKey());
    }

    @Test
    void usersAreListedBlockedAndRestoredInTheOriginalsShapes() {
        String user = "original-" + UUID.randomUUID();
        chat(user);

        JsonNode page = call("GET", "/api/v1/users?page=1&pageSize=20&sortField=balance&sortOrder=descend&search="
                + user, null, 200);
        assertThat(page.path("total").asLong()).isEqualTo(1);
        assertThat(page.path("page").asInt()).isEqualTo(1);
        assertThat(page.path("pageSize").asInt()).isEqualTo(20);
        JsonNode listed = page.path("users").get(0);
        for (String field : new String[] {"id", "email", "name", "role", "balance", "deleted", "created_at"}) {
            assertThat(listed.has(field)).as(field).isTrue();
        }

        JsonNode deleted = call("DELETE", "/api/v1/users/" + user, null, 200);
        assertThat(deleted.path("success").asBoolean()).isTrue();
        // Like the original, the list without "deleted" holds active users only.
        assertThat(call("GET", "/api/v1/users?search=" + user, null, 200).path("total").asLong()).isZero();
        assertThat(call("GET", "/api/v1/users?deleted=true&search=" + user, null, 200).path("total").asLong())
                .isEqualTo(1);

        JsonNode restored = call("PATCH", "/api/v1/users/" + user, "{\"deleted\": false}", 200);
        assertThat(restored.path("success").asBoolean()).isTrue();
        assertThat(restored.path("user").path("deleted").asBoolean()).isFalse();

        JsonNode balance = call("PUT", "/api/v1/users/" + user + "/balance", "{\"balance\": 42}", 200);
        assertThat(balance.path("balance").decimalValue()).isEqualByComparingTo("42");
    }

    @Test
    void pricesAreUpdatedAndDerivedModelsSyncedInTheOriginalsShapes() {
        JsonNode models = call("GET", "/api/v1/models", null, 200);
        assertThat(models.isArray()).isTrue();
        JsonNode base = models.get(0);
        for (String field : new String[] {"id", "name", "base_model_id", "system_prompt", "imageUrl", "input_price",
                "output_price", "per_msg_price"}) {
            assertThat(base.has(field)).as(field).isTrue();
        }

        JsonNode updated = call("POST", "/api/v1/models/price", """
                {"updates": [{"id": "%s", "input_price": 3, "output_price": 6, "per_msg_price": -1}]}
                """.formatted(FakeOpenWebUi.BASE_MODEL), 200);
        assertThat(updated.path("success").asBoolean()).isTrue();
        assertThat(updated.path("results").get(0).path("success").asBoolean()).isTrue();
        assertThat(updated.path("results").get(0).path("data").path("input_price").decimalValue())
                .isEqualByComparingTo("3");

        JsonNode synced = call("POST", "/api/v1/models/sync-all-prices", "", 200);
        assertThat(synced.path("success").asBoolean()).isTrue();
        assertThat(synced.path("message").asString()).startsWith("Successfully synced");
        JsonNode derived = null;
        for (JsonNode entry : synced.path("syncedModels")) {
            if (FakeOpenWebUi.DERIVED_MODEL.equals(entry.path("id").asString())) {
                derived = entry;
            }
        }
        assertThat(derived).isNotNull();
        assertThat(derived.path("success").asBoolean()).isTrue();
        assertThat(derived.path("base_model_id").asString()).isEqualTo(FakeOpenWebUi.BASE_MODEL);
        assertThat(derived.path("input_price").decimalValue()).isEqualByComparingTo("3");
    }

    @Test
    void theUsagePanelAnswersInTheOriginalsShape() {
        String user = "original-usage-" + UUID.randomUUID();
        chat(user);
        await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", "/api/v1/panel/usage", null, 200).toString()
                .contains(user));
        JsonNode usage = call("GET", "/api/v1/panel/usage", null, 200);
        assertThat(usage.path("models").get(0).has("model_name")).isTrue();
        assertThat(usage.path("models").get(0).has("total_count")).isTrue();
        assertThat(usage.path("models").get(0).has("total_cost")).isTrue();
        assertThat(usage.path("users").get(0).has("nickname")).isTrue();
        assertThat(usage.path("timeRange").has("minTime")).isTrue();
        assertThat(usage.path("stats").has("totalTokens")).isTrue();
        assertThat(usage.path("stats").has("totalCalls")).isTrue();

        JsonNode records = call("GET", "/api/v1/panel/records?page=1&pageSize=10&sortField=use_time&sortOrder=descend",
                null, 200);
        assertThat(records.has("records")).isTrue();
        assertThat(records.has("total")).isTrue();
    }

    /** One chat of the user as the original function sends it: inlet, then outlet with usage. */
    private static void chat(String user) {
        send("POST", "/api/v1/inlet", """
                {"user": {"id": "%s", "name": "Original", "email": "%s@example.org", "role": "user"},
                 "body": {"model": "%s", "messages": [{"role": "user", "content": "hi"}]}}
                """.formatted(user, user, FakeOpenWebUi.BASE_MODEL), gateway.apiKey(), 200);
        send("POST", "/api/v1/outlet", """
                {"user": {"id": "%s", "name": "Original"},
                 "body": {"model": "%s", "chat_id": "c-%s", "id": "m-1", "messages": [
                   {"role": "user", "content": "hi"},
                   {"role": "assistant", "content": "Hello!", "usage": {"prompt_tokens": 10, "completion_tokens": 5}}]}}
                """.formatted(user, FakeOpenWebUi.BASE_MODEL, user), gateway.apiKey(), 200);
    }

    private static JsonNode call(String method, String path, String body, int status) {
        return send(method, path, body, gateway.accessToken(), status);
    }

    private static JsonNode send(String method, String path, String body, String key, int status) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url() + path))
                .header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = TestHttp.send(request.build());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }
}
