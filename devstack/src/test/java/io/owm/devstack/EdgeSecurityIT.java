package io.owm.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole system's edge, as deployed: every admin route behind the admin token only, the function routes behind
 * the function key only, no key or user secret in a response header or in any service's log, and bodies built to
 * exhaust the gateway refused before they reach Kafka.
 */
@ExtendWith(RunningStack.class)
class EdgeSecurityIT {

    private static final String USER_SECRET = "sk-users-own-provider-key-" + UUID.randomUUID();

    /** Every admin route of the API contract, routed by the gateway to the service that owns it. */
    private static final List<Map.Entry<String, String>> ADMIN_ROUTES = List.of(
            Map.entry("GET", "/api/v1/users?page=1&pageSize=20"),
            Map.entry("PUT", "/api/v1/users/nobody/balance"),
            Map.entry("DELETE", "/api/v1/users/nobody"),
            Map.entry("PATCH", "/api/v1/users/nobody"),
            Map.entry("GET", "/api/v1/models"),
            Map.entry("POST", "/api/v1/models/price"),
            Map.entry("POST", "/api/v1/models/test"),
            Map.entry("POST", "/api/v1/models/sync-price"),
            Map.entry("POST", "/api/v1/models/sync-all-prices"),
            Map.entry("GET", "/api/v1/panel/usage"),
            Map.entry("GET", "/api/v1/panel/records"),
            Map.entry("GET", "/api/v1/panel/records/export"),
            Map.entry("GET", "/api/v1/panel/database/export"),
            Map.entry("POST", "/api/v1/panel/database/import"),
            Map.entry("GET", "/api/v1/config/key"));

    private static RunningStack.Gateway gateway;

    @BeforeAll
    static void connect(RunningStack.Gateway running) {
        gateway = running;
    }

    @Test
    void everyAdminRouteRefusesNoTokenAWrongTokenAndTheFunctionKeyButNotTheAdminToken() {
        for (Map.Entry<String, String> route : ADMIN_ROUTES) {
            for (String authorization : new String[] {null, "Bearer wrong", "Bearer " + gateway.apiKey()}) {
                HttpResponse<String> refused = send(route.getKey(), route.getValue(), authorization, "{}");
                assertThat(refused.statusCode()).as("%s %s with %s", route.getKey(), route.getValue(),
                        authorization).isEqualTo(401);
                assertNoSecretIn(refused);
            }
            // The admin token opens the door (what is behind it is other tests' business). Only reads are tried,
            // since the stack is shared (an import of {} would replace every other test's data).
            if (route.getKey().equals("GET")) {
                HttpResponse<String> admitted = send("GET", route.getValue(), "Bearer " + gateway.accessToken(), null);
                assertThat(admitted.statusCode()).as("GET %s with the admin token", route.getValue())
                        .isNotEqualTo(401);
                // Headers only: GET /api/v1/config/key hands the function key to the admin on purpose.
                assertThat(admitted.headers().map().toString()).doesNotContain(gateway.apiKey(),
                        gateway.accessToken());
            }
        }
    }

    @Test
    void theFunctionRoutesRefuseTheAdminToken() {
        for (String path : List.of("/api/v1/inlet", "/api/v1/outlet")) {
            HttpResponse<String> refused = send("POST", path, "Bearer " + gateway.accessToken(), chat("door"));
            assertThat(refused.statusCode()).as(path).isEqualTo(401);
            assertNoSecretIn(refused);
        }
    }

    @Test
    void noServiceLogCarriesAKeyOrAUsersSecret() throws IOException {
        Assumptions.assumeTrue(gateway.logs() != null, "the stack's log folder is known (-Dowm.it.logs)");
        String user = "secretive-" + UUID.randomUUID();
        assertThat(send("POST", "/api/v1/inlet", "Bearer " + gateway.apiKey(), chat(user)).statusCode())
                .isEqualTo(200);
        HttpResponse<String> outlet = send("POST", "/api/v1/outlet", "Bearer " + gateway.apiKey(), chat(user));
        assertThat(outlet.statusCode()).isEqualTo(200);
        assertNoSecretIn(outlet);
        send("GET", "/api/v1/users?search=" + user, "Bearer " + gateway.accessToken(), null);
        send("GET", "/api/v1/users", "Bearer " + gateway.apiKey(), null);

        try (Stream<Path> files = Files.list(gateway.logs())) {
            List<Path> logs = files.filter(Files::isRegularFile).toList();
            assertThat(logs).extracting(path -> path.getFileName().toString()).contains("gateway-service.log",
                    "billing-service.log", "catalog-service.log", "analytics-service.log");
            for (Path log : logs) {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                assertThat(text).as(log.toString()).doesNotContain(gateway.apiKey(), gateway.accessToken(),
                        USER_SECRET, "oauth-subject-secret");
            }
        }
    }

    @Test
    void anOversizedBodyIsRefusedWith413AndADeeplyNestedOneWith400() {
        String tooBig = chat("big").replace("\"hi\"", "\"" + "x".repeat(17 * 1024 * 1024) + "\"");
        assertThat(send("POST", "/api/v1/outlet", "Bearer " + gateway.apiKey(), tooBig).statusCode())
                .isEqualTo(413);

        String tooDeep = chat("deep").replace("\"hi\"", "\"hi\", \"x\": " + "[".repeat(50_000) + "]".repeat(50_000));
        long start = System.nanoTime();
        HttpResponse<String> refused = send("POST", "/api/v1/outlet", "Bearer " + gateway.apiKey(), tooDeep);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("invalid_json");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    /** An outlet (also good enough for inlet) with the secrets OpenWebUI's {@code __user__} really carries. */
    private static String chat(String user) {
        return """
                {"user": {"id": "%s", "name": "Sec", "api_key": "%s", "oauth_sub": "oauth-subject-secret",
                          "settings": {"provider_key": "%s"}},
                 "body": {"model": "gpt-4o", "chat_id": "c-%s", "id": "m-1",
                          "metadata": {"chat_id": "c-%s", "message_id": "m-1"},
                          "messages": [{"role": "user", "content": "hi"},
                                       {"role": "assistant", "content": "hello",
                                        "usage": {"prompt_tokens": 3, "completion_tokens": 2}}]}}
                """.formatted(user, USER_SECRET, USER_SECRET, user, user);
    }

    private static HttpResponse<String> send(String method, String path, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return TestHttp.send(request.build());
    }

    private static void assertNoSecretIn(HttpResponse<String> response) {
        String everything = response.headers().map() + response.body();
        assertThat(everything).doesNotContain(gateway.apiKey(), gateway.accessToken(), USER_SECRET,
                "oauth-subject-secret");
    }
}
