package io.owm.catalog.pricing;

import io.owm.catalog.CatalogProperties;
import io.owm.catalog.model.ModelView;
import io.owm.catalog.model.Models;
import io.owm.contracts.catalog.ModelPriced;
import io.owm.support.outbox.Outbox;
import io.owm.support.outbox.OutboxRelay;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Changes prices, one model per transaction: the row is updated and its {@code ModelPriced} written to the outbox
 * together, and published right after the commit (or by the relay's next sweep when Kafka is away), so a price
 * stored is one billing will see.
 */
@Component
class PriceChanges {

    private final Models models;
    private final Outbox<ModelPriced> outbox;
    private final OutboxRelay<ModelPriced> relay;
    private final TransactionalOperator transaction;
    private final Clock clock;
    private final BigDecimal maxPrice;

    PriceChanges(Models models, Outbox<ModelPriced> outbox, OutboxRelay<ModelPriced> relay,
            TransactionalOperator transaction, Clock clock, CatalogProperties properties) {
        this.models = models;
        this.outbox = outbox;
        this.relay = relay;
        this.transaction = transaction;
        this.clock = clock;
        this.maxPrice = properties.maxPrice();
    }

    /** Applies each entry of a batch on its own and answers a result per entry, in order. */
    Mono<List<PriceResult>> applyAll(List<JsonNode> entries) {
        return Flux.fromIterable(entries).concatMap(this::apply).collectList();
    }

    private Mono<PriceResult> apply(JsonNode entry) {
        PriceUpdate update;
        try {
            update = PriceRequests.parse(entry, maxPrice);
        } catch (InvalidPriceException e) {
            return Mono.just(PriceResult.failed(PriceRequests.idOf(entry), e.getMessage()));
        }
        return models.find(update.id())
                .flatMap(current -> set(current,
                        orElse(update.inputPrice(), current.inputPrice()),
                        orElse(update.outputPrice(), current.outputPrice()),
                        orElse(update.perMessagePrice(), current.perMessagePrice())))
                .defaultIfEmpty(PriceResult.failed(update.id(), "unknown model"));
    }

    /** Gives a derived model its base model's prices. */
    Mono<PriceResult> copyFromBase(ModelView derived) {
        if (!derived.isDerived()) {
            return Mono.just(PriceResult.failed(derived.id(), "not a derived model: it is its own base"));
        }
        return models.find(derived.baseModelId())
                .flatMap(base -> set(derived, base.inputPrice(), base.outputPrice(), base.perMessagePrice()))
                .defaultIfEmpty(PriceResult.failed(derived.id(),
                        "its base model " + derived.baseModelId() + " is not in the catalog"));
    }

    private Mono<PriceResult> set(ModelView model, BigDecimal input, BigDecimal output, BigDecimal perMessage) {
        return models.setPrices(model.id(), input, output, perMessage, clock.instant())
                .flatMap(updated -> outbox.add(PricePublisher.priced(updated)).thenReturn(PriceResult.applied(updated)))
                .as(transaction::transactional)
                .flatMap(applied -> relay.publishSoon().thenReturn(applied));
    }

    private static BigDecimal orElse(BigDecimal requested, BigDecimal current) {
        return requested == null ? current : requested;
    }
}
