package io.owm.billing.outbox;

import io.owm.billing.BillingProperties;
import io.owm.billing.kafka.BillingEventPublisher;
import io.owm.contracts.billing.BillingEvent;
import io.owm.support.outbox.Outbox;
import io.owm.support.outbox.OutboxRelay;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Billing's outbox: admin changes' facts, published to {@code billing-events} (and the gateways' reply
 * partitions) by the shared relay.
 */
@Configuration(proxyBeanMethods = false)
class BillingOutbox {

    @Bean
    Outbox<BillingEvent> outbox(DatabaseClient db, JsonMapper json) {
        return new Outbox<>(db, json, OutboxEventTypes.THROUGH_THE_OUTBOX, BillingEvent::occurredAt);
    }

    @Bean
    OutboxRelay<BillingEvent> outboxRelay(DatabaseClient db, JsonMapper json, TransactionalOperator transaction,
            Clock clock, Outbox<BillingEvent> outbox, BillingEventPublisher publisher, BillingProperties properties) {
        // The publisher waits for Kafka's acknowledgement: keep that wait off the event loop.
        return new OutboxRelay<>(db, json, transaction, clock, outbox,
                events -> Mono.<Void>fromRunnable(() -> publisher.publishAll(events))
                        .subscribeOn(Schedulers.boundedElastic()),
                properties.outboxSweep());
    }
}
