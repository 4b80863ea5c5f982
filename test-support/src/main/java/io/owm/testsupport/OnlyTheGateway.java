package io.owm.testsupport;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What every service behind the gateway must show: its API opens to the internal credential only (not to the admin
 * token, not to the function key, not to nothing), and its probes and metrics answer on the management port
 * without any key.
 */
public final class OnlyTheGateway {

    private OnlyTheGateway() {
    }

    /** {@code http} is the test client that calls as the gateway does ({@link AsTheGateway}). */
    public static void assertOnlyTheGatewayGetsIn(WebTestClient http, String apiPath, int managementPort) {
        http.get().uri(apiPath).exchange().expectStatus().is2xxSuccessful();
        for (String authorization : new String[] {null, "Bearer admin-token", "Bearer function-key",
                "Bearer " + TestInfrastructure.INTERNAL_TOKEN + "x", "Basic " + TestInfrastructure.INTERNAL_TOKEN}) {
            WebTestClient caller = http.mutate().defaultHeaders(headers -> {
                headers.remove(HttpHeaders.AUTHORIZATION);
                if (authorization != null) {
                    headers.set(HttpHeaders.AUTHORIZATION, authorization);
                }
            }).build();
            caller.get().uri(apiPath).exchange().expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.error_type").isEqualTo("unauthorized");
            caller.post().uri("/internal/import").exchange().expectStatus().isUnauthorized();
            caller.get().uri("/internal/backup").exchange().expectStatus().isUnauthorized();
        }
        WebTestClient management = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build();
        management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isNotFound();
    }
}
