package io.owm.catalog.pricing;

import io.owm.catalog.model.ModelView;
import io.owm.contracts.Topics;
import io.owm.contracts.catalog.ModelPriced;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Publishes a model's prices to the compacted {@code model-prices} topic, keyed by model id, and completes once
 * Kafka has them. The fact's time is the price's {@code updated_at}: billing charges an outlet with the price in
 * force when its chat completed, so a republished price keeps the time it took effect.
 */
@Component
public class PricePublisher {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaTemplate<String, Object> kafka;

    PricePublisher(KafkaTemplate<String, Object> kafka) {
        this.kafka = kafka;
    }

    public Mono<Void> publish(List<ModelPriced> prices) {
        if (prices.isEmpty()) {
            return Mono.empty();
        }
        CompletableFuture<?>[] sent = prices.stream()
                .map(price -> kafka.send(Topics.MODEL_PRICES.name(), price.modelId(), price))
                .toArray(CompletableFuture[]::new);
        return Mono.fromFuture(CompletableFuture.allOf(sent)).timeout(SEND_TIMEOUT).then();
    }

    public static ModelPriced priced(ModelView model) {
        return new ModelPriced(UUID.randomUUID(), model.updatedAt().toInstant(), model.id(), model.inputPrice(),
                model.outputPrice(), model.perMessagePrice());
    }
}
