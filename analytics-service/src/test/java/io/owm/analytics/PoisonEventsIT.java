package io.owm.analytics;

import static org.awaitility.Awaitility.await;

import io.owm.contracts.Topics;
import io.owm.contracts.billing.ChatCharged;
import io.owm.testsupport.KafkaProbe;
import io.owm.testsupport.PoisonChecks;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A billing event analytics cannot decode goes to billing-events-dlt; the events after it are still projected. */
class PoisonEventsIT extends AnalyticsServiceTest {

    @Test
    void anUndecodableBillingEventIsDeadLetteredAndTheNextIsProjected() {
        KafkaProbe.Collector deadLetters = kafka.collect(Topics.BILLING_EVENTS.deadLetter());
        String key = PoisonChecks.sendUndecodable(kafka, Topics.BILLING_EVENTS.name(), ChatCharged.TYPE);
        String model = "after-poison-" + UUID.randomUUID();
        publish(charged(key, "Ann", model, Instant.now(), 100, 100, "0.012", "9.988", false), key);

        PoisonChecks.awaitDeadLetter(deadLetters, key, WAIT);
        await().atMost(WAIT).untilAsserted(() -> http.get().uri("/api/v1/panel/usage").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.models[?(@.model_name == '%s')].total_count".formatted(model)).isEqualTo(1));
    }
}
