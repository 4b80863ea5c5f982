package io.owm.catalog.pricing;

import io.owm.catalog.model.Models;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.util.retry.Retry;

/**
 * On start, publishes every model's current price again. The compacted topic already holds them, so this only
 * matters when it does not: a price stored just before a crash, a topic deleted or recreated, a new cluster.
 * Each keeps the time it took effect, so billing's price history is unchanged by a republish.
 */
@Component
class PriceRepublisher {

    private static final Logger log = LoggerFactory.getLogger(PriceRepublisher.class);

    private final Models models;
    private final PricePublisher publisher;

    PriceRepublisher(Models models, PricePublisher publisher) {
        this.models = models;
        this.publisher = publisher;
    }

    @EventListener(ApplicationReadyEvent.class)
    void republish() {
        models.all()
                .collectList()
                .flatMap(all -> publisher.publish(all.stream().map(PricePublisher::priced).toList())
                        .thenReturn(all.size()))
                .retryWhen(Retry.backoff(10, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
                .subscribe(count -> log.info("Republished the prices of {} models", count),
                        e -> log.error("Could not republish model prices; they stay on the compacted topic as"
                                + " they were: {}", e.getMessage()));
    }
}
