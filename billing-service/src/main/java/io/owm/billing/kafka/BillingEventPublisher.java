package io.owm.billing.kafka;

import io.owm.contracts.Topics;
import io.owm.contracts.billing.BillingEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Publishes committed facts to {@code billing-events}, keyed by user id, and returns only once Kafka has them. */
@Component
public class BillingEventPublisher {

    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final KafkaTemplate<String, Object> kafka;

    BillingEventPublisher(KafkaTemplate<String, Object> kafka) {
        this.kafka = kafka;
    }

    public void publishAll(List<? extends BillingEvent> events) {
        CompletableFuture<?>[] sent = events.stream()
                .map(event -> kafka.send(Topics.BILLING_EVENTS.name(), event.userId(), event))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(sent).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while publishing billing events", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("Billing events were not published", e);
        }
    }
}
