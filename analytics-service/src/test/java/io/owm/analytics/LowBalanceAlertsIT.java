package io.owm.analytics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.owm.contracts.billing.BalanceAdjusted;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Low-balance alerts (threshold 1 in these tests) posted to a stand-in for the admins' webhook: once per crossing,
 * not once per chat, and retried when the webhook fails.
 */
class LowBalanceAlertsIT extends AnalyticsServiceTest {

    @Test
    void aBalanceFallingBelowTheThresholdIsAlertedOncePerCrossing() {
        webhook.stubFor(post("/hooks/owm").willReturn(aResponse().withStatus(200)));
        String user = "u-low-" + UUID.randomUUID();

        publish(charged(user, "Lena", "gpt-4o", Instant.now(), 10, 10, "0.5", "1.2", false));   // 1.7 -> 1.2
        publish(charged(user, "Lena", "gpt-4o", Instant.now(), 10, 10, "0.5", "0.7", false));   // crosses below 1
        publish(charged(user, "Lena", "gpt-4o", Instant.now(), 10, 10, "0.5", "0.2", false));   // stays below
        await().atMost(WAIT).until(() -> posts(user) == 1);

        // Topped up above the threshold, then below it again: a second crossing, a second alert.
        publish(new BalanceAdjusted(UUID.randomUUID(), Instant.now(), user, new BigDecimal("5"),
                new BigDecimal("5.2"), "ADJUSTMENT", "top-up", "admin"), user);
        publish(charged(user, "Lena", "gpt-4o", Instant.now(), 10, 10, "4.5", "0.7", false));
        await().atMost(WAIT).until(() -> posts(user) == 2);

        webhook.verify(postRequestedFor(urlEqualTo("/hooks/owm"))
                .withRequestBody(matchingJsonPath("$.text", containing("Lena (" + user + ") has 0.7 left")))
                .withRequestBody(matchingJsonPath("$.content", containing("below the threshold of 1")))
                .withRequestBody(matchingJsonPath("$.user_id", containing(user))));
        assertThat(posts(user)).as("no alert for a balance that stays low").isEqualTo(2);
    }

    @Test
    void aWebhookThatFailsIsTriedAgainUntilItTakesTheAlert() {
        String user = "u-retry-" + UUID.randomUUID();
        webhook.stubFor(post("/hooks/owm").withRequestBody(containing(user)).inScenario(user)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(503))
                .willSetStateTo("failed once"));
        webhook.stubFor(post("/hooks/owm").withRequestBody(containing(user)).inScenario(user)
                .whenScenarioStateIs("failed once").willReturn(aResponse().withStatus(500))
                .willSetStateTo("failed twice"));
        webhook.stubFor(post("/hooks/owm").withRequestBody(containing(user)).inScenario(user)
                .whenScenarioStateIs("failed twice").willReturn(aResponse().withStatus(204)));

        publish(charged(user, null, "gpt-4o", Instant.now(), 10, 10, "2", "0.5", false));

        await().atMost(WAIT).until(() -> posts(user) == 3);
        management().get().uri("/actuator/prometheus").exchange().expectBody(String.class)
                .value(metrics -> assertThat(metrics).contains("owm_alerts_webhook_total{application=\"analytics-service\",outcome=\"sent\"}"));
    }

    private static int posts(String user) {
        return webhook.findAll(postRequestedFor(urlEqualTo("/hooks/owm")).withRequestBody(containing(user))).size();
    }
}
