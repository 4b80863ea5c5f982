package io.owm.support.outbox;

import io.owm.contracts.serde.EventSerde;
import io.r2dbc.postgresql.codec.Json;
import java.time.Instant;
import java.util.Set;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores a fact in the caller's transaction, to be published by {@link OutboxRelay} once committed: the way for
 * changes that no Kafka record would replay after a crash (admin and HTTP changes). The table is the service's
 * {@code outbox (id, event_type, event, created_at, published_at)}; events are stored under their contract type
 * names, the event serde's ({@link EventSerde#typeNamed}), and only the types a service lists may take this way.
 *
 * @param <E> the events of this outbox
 */
public class Outbox<E> {

    private final DatabaseClient db;
    private final JsonMapper json;
    private final Set<Class<? extends E>> types;
    private final Function<E, Instant> timeOf;

    /** An outbox for the listed event types; {@code timeOf} tells when an event happened. */
    public Outbox(DatabaseClient db, JsonMapper json, Set<Class<? extends E>> types, Function<E, Instant> timeOf) {
        this.db = db;
        this.json = json;
        this.types = Set.copyOf(types);
        this.timeOf = timeOf;
    }

    /** Adds the fact to the current transaction. */
    public Mono<Void> add(E event) {
        String type = nameOf(event);
        return db.sql("INSERT INTO outbox (event_type, event, created_at) VALUES (:type, :event, :at)")
                .bind("type", type)
                .bind("event", Json.of(json.writeValueAsString(event)))
                .bind("at", timeOf.apply(event))
                .then();
    }

    String nameOf(E event) {
        if (!types.contains(event.getClass())) {
            throw new IllegalArgumentException(event.getClass().getSimpleName() + " is not published through the outbox");
        }
        return event.getClass().getSimpleName();
    }

    Class<? extends E> classOf(String name) {
        Class<?> type = EventSerde.typeNamed(name);
        if (!types.contains(type)) {
            throw new IllegalStateException("Unknown outbox event type " + name);
        }
        @SuppressWarnings("unchecked")
        Class<? extends E> listed = (Class<? extends E>) type;
        return listed;
    }
}
