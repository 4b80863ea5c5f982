package io.owm.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.owm.analytics.projection.ReadModel;
import io.owm.contracts.billing.ChatCharged;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class UsageProjectionIT extends AnalyticsServiceTest {

    @Autowired
    ReadModel readModel;

    @Test
    void answersAChargeRepublishedWithinTheSamePollAsNewOnlyOnce() {
        String model = "model-" + UUID.randomUUID();
        ChatCharged charge = charged("cleo", "Cleo", model, Instant.now(), 300, 700, "0.06", "9.94", false);
        ChatCharged other = charged("cleo", "Cleo", model, Instant.now(), 100, 100, "0.012", "9.928", false);

        List<Object> firstPoll = readModel.applyAll(List.of(charge, charge.answering(UUID.randomUUID()), other))
                .block();
        List<Object> redelivered = readModel.applyAll(List.of(charge, other)).block();

        // What is answered here feeds the business metrics: a fact counted twice would count its tokens twice.
        assertThat(firstPoll).containsExactly(charge, other);
        assertThat(redelivered).isEmpty();
        http.get().uri("/api/v1/panel/usage").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.models[?(@.model_name == '%s')].total_count".formatted(model)).isEqualTo(2)
                .jsonPath("$.models[?(@.model_name == '%s')].total_cost".formatted(model)).isEqualTo(0.072);
    }

    @Test
    void countsARepublishedChargeOnceAndSumsThePanel() {
        String model = "model-" + UUID.randomUUID();
        ChatCharged first = charged("ann", "ann", model, Instant.now(), 1000, 1000, "0.12", "10", false);
        ChatCharged second = charged("bob", "bob", model, Instant.now(), 1000, 1000, "0.03", "10", false);
        publish(first);
        // Billing republishes what it committed after a crash: the same fact, another correlation id.
        publish(first.answering(UUID.randomUUID()), "ann");
        publish(second);
        await().atMost(WAIT).untilAsserted(() -> http.get().uri("/api/v1/panel/usage").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.models[?(@.model_name == '%s')].total_count".formatted(model)).isEqualTo(2)
                .jsonPath("$.models[?(@.model_name == '%s')].total_cost".formatted(model)).isEqualTo(0.15));
    }

    @Test
    void refusesATimeThatIsNotIso8601AndNamesTheParameter() {
        http.get().uri("/api/v1/panel/usage?startTime=yesterday").exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.error_type").isEqualTo("invalid_request")
                .jsonPath("$.parameter").isEqualTo("startTime");
    }
}
