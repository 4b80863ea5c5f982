package io.owm.catalog.pricing;

import io.owm.catalog.CatalogProperties;
import io.owm.contracts.catalog.ModelPriced;
import io.owm.support.outbox.Outbox;
import io.owm.support.outbox.OutboxRelay;
import java.time.Clock;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog's outbox: a price is stored with its {@code ModelPriced} in one transaction and published to the
 * compacted {@code model-prices} topic after the commit, so Kafka never holds a price the catalog does not.
 */
@Configuration(proxyBeanMethods = false)
class CatalogOutbox {

    @Bean
    Outbox<ModelPriced> outbox(DatabaseClient db, JsonMapper json) {
        return new Outbox<>(db, json, Set.of(ModelPriced.class), ModelPriced::occurredAt);
    }

    @Bean
    OutboxRelay<ModelPriced> outboxRelay(DatabaseClient db, JsonMapper json, TransactionalOperator transaction,
            Clock clock, Outbox<ModelPriced> outbox, PricePublisher publisher, CatalogProperties properties) {
        return new OutboxRelay<>(db, json, transaction, clock, outbox, publisher::publish, properties.outboxSweep());
    }
}
