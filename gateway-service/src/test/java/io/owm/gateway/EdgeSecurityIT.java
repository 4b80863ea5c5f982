package io.owm.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.owm.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway's edge as an attacker meets it: each door opens only to its own key, nothing a caller sends as a
 * secret comes back in a header or reaches the log, and bodies built to exhaust the parser are refused early.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "owm.gateway.api-key=" + EdgeSecurityIT.FUNCTION_KEY,
        "owm.gateway.access-token=" + EdgeSecurityIT.ADMIN_TOKEN,
        "owm.gateway.reply-timeout=200ms",
        "owm.gateway.max-body-size=64KB",
        "owm.gateway.topic-partitions=3"})
// The 5 s default is a hang guard that a cold JVM on a busy 2-core CI machine can overrun (ConsoleIT did, stop 14).
@AutoConfigureWebTestClient(timeout = "PT30S")
@ExtendWith(OutputCaptureExtension.class)
class EdgeSecurityIT {

    static final String FUNCTION_KEY = "sk-edge-function-key-4711";
    static final String ADMIN_TOKEN = "edge-admin-token-0815";
    private static final String USER_SECRET = "sk-user-own-openai-key-1234";

    /** Every admin route of the API contract, with the method it is called with. */
    private static final List<Map.Entry<HttpMethod, String>> ADMIN_ROUTES = List.of(
            Map.entry(HttpMethod.GET, "/api/v1/users?page=1&pageSize=20"),
            Map.entry(HttpMethod.PUT, "/api/v1/users/u1/balance"),
            Map.entry(HttpMethod.DELETE, "/api/v1/users/u1"),
            Map.entry(HttpMethod.PATCH, "/api/v1/users/u1"),
            Map.entry(HttpMethod.GET, "/api/v1/models"),
            Map.entry(HttpMethod.POST, "/api/v1/models/price"),
            Map.entry(HttpMethod.POST, "/api/v1/models/test"),
            Map.entry(HttpMethod.POST, "/api/v1/models/sync-price"),
            Map.entry(HttpMethod.POST, "/api/v1/models/sync-all-prices"),
            Map.entry(HttpMethod.GET, "/api/v1/panel/usage"),
            Map.entry(HttpMethod.GET, "/api/v1/panel/records"),
            Map.entry(HttpMethod.GET, "/api/v1/panel/records/export"),
            Map.entry(HttpMethod.GET, "/api/v1/panel/database/export"),
            Map.entry(HttpMethod.POST, "/api/v1/panel/database/import"),
            Map.entry(HttpMethod.GET, "/api/v1/config/key"));

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerKafka(registry);
    }

    @Autowired
    WebTestClient http;

    @Test
    void everyAdminRouteRefusesNoTokenAWrongTokenAndTheFunctionKey() {
        for (Map.Entry<HttpMethod, String> route : ADMIN_ROUTES) {
            for (String authorization : new String[] {null, "Bearer wrong-token", "Bearer " + FUNCTION_KEY,
                    ADMIN_TOKEN, "Basic " + ADMIN_TOKEN, "Bearer " + ADMIN_TOKEN + "x"}) {
                EntityExchangeResult<byte[]> result = exchange(route.getKey(), route.getValue(), authorization, "{}");
                assertThat(result.getStatus().value())
                        .as("%s %s with %s", route.getKey(), route.getValue(), authorization).isEqualTo(401);
                assertNoKeyIn(result);
            }
        }
    }

    @Test
    void theFunctionRoutesRefuseTheAdminToken() {
        for (String path : List.of("/api/v1/inlet", "/api/v1/outlet")) {
            for (String authorization : new String[] {null, "Bearer " + ADMIN_TOKEN, "Bearer wrong",
                    "Bearer " + FUNCTION_KEY.substring(1)}) {
                EntityExchangeResult<byte[]> result = exchange(HttpMethod.POST, path, authorization, chat("u-door"));
                assertThat(result.getStatus().value()).as("%s with %s", path, authorization).isEqualTo(401);
                assertNoKeyIn(result);
            }
        }
    }

    @Test
    void neitherHeadersNorLogsCarryTheKeysOrTheUsersSecrets(CapturedOutput output) {
        EntityExchangeResult<byte[]> accepted = exchange(HttpMethod.POST, "/api/v1/outlet", "Bearer " + FUNCTION_KEY,
                chat("u-secret"));
        assertThat(accepted.getStatus().value()).isEqualTo(200);
        assertNoKeyIn(accepted);
        assertNoKeyIn(exchange(HttpMethod.POST, "/api/v1/inlet", "Bearer " + FUNCTION_KEY, "{not json"));
        assertNoKeyIn(exchange(HttpMethod.GET, "/api/v1/users", "Bearer " + FUNCTION_KEY, null));

        assertThat(output.getAll()).doesNotContain(FUNCTION_KEY, ADMIN_TOKEN, USER_SECRET, "oauth-sub-secret");
    }

    @Test
    void anOversizedBodyIsRefusedWith413() {
        String huge = chat("u-big").replace("\"hi\"", "\"" + "x".repeat(100_000) + "\"");
        EntityExchangeResult<byte[]> result = exchange(HttpMethod.POST, "/api/v1/outlet", "Bearer " + FUNCTION_KEY,
                huge);
        assertThat(result.getStatus().value()).isEqualTo(413);
    }

    @Test
    void aDeeplyNestedBodyIsRefusedQuicklyWhileRealisticNestingPasses() {
        String tooDeep = chat("u-deep").replace("\"hi\"", "\"hi\", \"extra\": " + nested(20_000));
        long start = System.nanoTime();
        EntityExchangeResult<byte[]> refused = exchange(HttpMethod.POST, "/api/v1/outlet", "Bearer " + FUNCTION_KEY,
                tooDeep);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(refused.getStatus().value()).isEqualTo(400);
        assertThat(new String(refused.getResponseBodyContent())).contains("invalid_json");
        // Generous for a loaded 2-core CI machine; without the limit the parser walks 20,000 levels first.
        assertThat(took).isLessThan(Duration.ofSeconds(2));

        // Just past the limit is refused, just under it passes: the limit is 64, not something smaller.
        String justPast = chat("u-deep").replace("\"hi\"", "\"hi\", \"extra\": " + nested(64));
        assertThat(exchange(HttpMethod.POST, "/api/v1/outlet", "Bearer " + FUNCTION_KEY, justPast).getStatus().value())
                .isEqualTo(400);
        String deepButFine = chat("u-deep").replace("\"hi\"", "\"hi\", \"extra\": " + nested(50));
        assertThat(exchange(HttpMethod.POST, "/api/v1/outlet", "Bearer " + FUNCTION_KEY, deepButFine)
                .getStatus().value()).isEqualTo(200);
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    /** An outlet as OpenWebUI sends it, with the secrets a real {@code __user__} carries. */
    private static String chat(String user) {
        return """
                {"user": {"id": "%s", "name": "Eve", "api_key": "%s", "oauth_sub": "oauth-sub-secret",
                          "settings": {"token": "%s"}},
                 "body": {"model": "gpt-4o", "chat_id": "c", "id": "m", "messages": [
                    {"role": "user", "content": "hi"},
                    {"role": "assistant", "content": "hello", "usage": {"prompt_tokens": 3, "completion_tokens": 2}}]}}
                """.formatted(user, USER_SECRET, USER_SECRET);
    }

    private EntityExchangeResult<byte[]> exchange(HttpMethod method, String uri, String authorization, String body) {
        WebTestClient.RequestBodySpec request = http.method(method).uri(uri);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        WebTestClient.RequestHeadersSpec<?> ready = body == null ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return ready.exchange().expectBody().returnResult();
    }

    private static void assertNoKeyIn(EntityExchangeResult<byte[]> result) {
        String headers = result.getResponseHeaders().toString();
        String body = result.getResponseBodyContent() == null ? "" : new String(result.getResponseBodyContent());
        assertThat(headers + body).doesNotContain(FUNCTION_KEY, ADMIN_TOKEN, USER_SECRET, "oauth-sub-secret");
    }
}
