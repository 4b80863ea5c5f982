package io.owm.gateway.console;

import io.owm.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The console's files are open to anyone and carry the browser hardening headers; the configuration it reads
 * (the function key above all) is behind the admin token only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "owm.gateway.api-key=function-key",
        "owm.gateway.access-token=admin-token",
        "owm.console.grafana-url=https://grafana.example.org"})
// The 5 s default is a hang guard that a cold JVM on a busy 2-core CI machine can overrun (ConsoleIT did, stop 14).
@AutoConfigureWebTestClient(timeout = "PT30S")
class ConsoleIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerKafka(registry);
    }

    @Autowired
    WebTestClient http;

    @Test
    void servesTheConsoleWithoutATokenBehindAStrictContentSecurityPolicy() {
        http.get().uri("/").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals("Content-Security-Policy", ConsoleSecurityHeaders.CONTENT_SECURITY_POLICY)
                .expectBody(String.class).value(html -> org.assertj.core.api.Assertions.assertThat(html)
                        .contains("/console/js/app.js").doesNotContain("<script>").doesNotContain("style="));
        http.get().uri("/console/js/i18n/en.js").exchange().expectStatus().isOk();
        http.get().uri("/webjars/chart.js/4.4.1/dist/chart.umd.js").exchange().expectStatus().isOk();
        http.get().uri("/function/openwebui_monitor.py").exchange().expectStatus().isOk();
        http.get().uri("/function/openwebui_monitor_invisible.py").exchange().expectStatus().isOk();
        http.get().uri("/function/usage_button.py").exchange().expectStatus().isOk();
    }

    @Test
    void theFunctionKeyIsGivenOnlyForTheAdminTokenAndNeverCached() {
        http.get().uri("/api/v1/config/key").exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/v1/config/key").header("Authorization", "Bearer function-key").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error_type").isEqualTo("unauthorized");
        http.get().uri("/api/v1/config/key").header("Authorization", "Bearer admin-token").exchange()
                .expectStatus().isOk()
                .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
                .expectBody().jsonPath("$.apiKey").isEqualTo("function-key");
        // The original's shape, for its scripts.
        http.get().uri("/api/v1/config").header("Authorization", "Bearer admin-token").exchange()
                .expectStatus().isOk()
                .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
                .expectBody().jsonPath("$.apiKey").isEqualTo("function-key").jsonPath("$.status").isEqualTo(200);
        http.get().uri("/api/v1/config").header("Authorization", "Bearer function-key").exchange()
                .expectStatus().isUnauthorized();
        http.get().uri("/api/v1/config/console").header("Authorization", "Bearer admin-token").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.grafanaUrl").isEqualTo("https://grafana.example.org");
    }

    @Test
    void anyOtherApiPathStillNeedsTheAdminToken() {
        http.get().uri("/api/v1/panel/database/export").exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/anything").exchange().expectStatus().isUnauthorized();
    }
}
