package io.owm.catalog.model;

import io.micrometer.core.instrument.MeterRegistry;
import io.owm.catalog.openwebui.OpenWebUi;
import io.owm.catalog.openwebui.OpenWebUiException;
import io.owm.catalog.pricing.PricePublisher;
import io.owm.contracts.catalog.ModelPriced;
import io.owm.support.outbox.Outbox;
import io.owm.support.outbox.OutboxRelay;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Brings the catalog up to date with OpenWebUI's model list. New models are priced with the defaults and their
 * prices published; a failure leaves the stored list as it was.
 */
@Component
class ModelSync {

    private static final Logger log = LoggerFactory.getLogger(ModelSync.class);

    private final OpenWebUi openWebUi;
    private final Models models;
    private final Outbox<ModelPriced> outbox;
    private final OutboxRelay<ModelPriced> relay;
    private final TransactionalOperator transaction;
    private final Clock clock;
    private final MeterRegistry metrics;

    ModelSync(OpenWebUi openWebUi, Models models, Outbox<ModelPriced> outbox, OutboxRelay<ModelPriced> relay,
            TransactionalOperator transaction, Clock clock, MeterRegistry metrics) {
        this.openWebUi = openWebUi;
        this.models = models;
        this.outbox = outbox;
        this.relay = relay;
        this.transaction = transaction;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Syncs and answers how many models were new; fails with the {@link OpenWebUiException} that stopped it. */
    Mono<Integer> sync() {
        Instant at = clock.instant();
        return openWebUi.models()
                .flatMap(listed -> models.storeListed(listed, at)
                        .flatMap(added -> Mono.defer(() -> storePrices(added)).thenReturn(added.size()))
                        .as(transaction::transactional))
                .flatMap(added -> relay.publishSoon().thenReturn(added))
                .doOnSuccess(added -> metrics.counter("owm.catalog.openwebui.sync", "outcome", "ok").increment())
                .doOnError(OpenWebUiException.class, e -> {
                    metrics.counter("owm.catalog.openwebui.sync", "outcome", e.kind()).increment();
                    log.warn("Model sync with OpenWebUI failed ({}): {}", e.kind(), e.getMessage());
                });
    }

    /* Inside the transaction: the new models and their prices' facts are stored together. */
    private Mono<Void> storePrices(List<String> added) {
        return Flux.fromIterable(added)
                .concatMap(models::find)
                .concatMap(model -> outbox.add(PricePublisher.priced(model)))
                .then();
    }
}
