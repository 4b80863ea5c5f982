package io.owm.billing.outbox;

import io.owm.contracts.billing.BillingEvent;
import io.r2dbc.postgresql.codec.Json;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores a fact in the caller's transaction, to be published by {@link OutboxRelay} once committed. Used by the
 * changes that no Kafka record would replay after a crash: the admin API's.
 */
@Component
public class Outbox {

    private final DatabaseClient db;
    private final JsonMapper json;

    Outbox(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    public Mono<Void> add(BillingEvent event) {
        return db.sql("""
                        INSERT INTO outbox (user_id, event_type, event, created_at)
                        VALUES (:userId, :type, :event, :at)
                        """)
                .bind("userId", event.userId())
                .bind("type", OutboxEventTypes.nameOf(event))
                .bind("event", Json.of(json.writeValueAsString(event)))
                .bind("at", event.occurredAt())
                .then();
    }
}
