package io.owm.analytics;

import static org.awaitility.Awaitility.await;

import io.owm.contracts.Topics;
import io.owm.contracts.billing.ChatCharged;
import io.owm.testsupport.KafkaProbe;
import io.owm.testsupport.TestInfrastructure;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "owm.analytics.topic-partitions=3")
@AutoConfigureWebTestClient
class UsageProjectionIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "analytics_it");
    }

    @Autowired
    WebTestClient http;

    @Test
    void countsARepublishedChargeOnceAndSumsThePanel() {
        String model = "model-" + UUID.randomUUID();
        ChatCharged first = charged("ann", model, "0.12");
        ChatCharged second = charged("bob", model, "0.03");
        try (KafkaProbe kafka = KafkaProbe.onTestBroker()) {
            kafka.send(Topics.BILLING_EVENTS.name(), "ann", first);
            // Billing republishes what it committed after a crash: the same fact, another correlation id.
            kafka.send(Topics.BILLING_EVENTS.name(), "ann", first.answering(UUID.randomUUID()));
            kafka.send(Topics.BILLING_EVENTS.name(), "bob", second);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.get().uri("/api/v1/panel/usage").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.models[?(@.model_name == '%s')].total_count".formatted(model)).isEqualTo(2)
                .jsonPath("$.models[?(@.model_name == '%s')].total_cost".formatted(model)).isEqualTo(0.15));
    }

    @Test
    void refusesATimeThatIsNotIso8601() {
        http.get().uri("/api/v1/panel/usage?startTime=yesterday").exchange().expectStatus().isBadRequest();
    }

    private static ChatCharged charged(String user, String model, String cost) {
        return new ChatCharged(UUID.randomUUID(), Instant.now(), user, UUID.randomUUID(), "k-" + UUID.randomUUID(),
                user, model, 1000, 1000, false, new BigDecimal(cost), BigDecimal.ZERO, BigDecimal.TEN,
                BigDecimal.valueOf(60), BigDecimal.valueOf(60), BigDecimal.ONE.negate());
    }
}
