package io.owm.billing.outbox;

import io.owm.billing.kafka.BillingEventPublisher;
import io.owm.contracts.billing.BillingEvent;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes committed outbox facts to {@code billing-events} and marks them published. Called right after each
 * admin change and, for whatever that call missed (Kafka down, a crash after the commit), every few seconds.
 * Rows are claimed with {@code SKIP LOCKED}, so several billing instances never publish the same batch at once;
 * a crash between the publish and the mark republishes, which consumers absorb by deduping on the event id.
 */
@Component
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;

    private final DatabaseClient db;
    private final JsonMapper json;
    private final BillingEventPublisher publisher;
    private final TransactionalOperator transaction;
    private final Clock clock;

    OutboxRelay(DatabaseClient db, JsonMapper json, BillingEventPublisher publisher, TransactionalOperator transaction,
            Clock clock) {
        this.db = db;
        this.json = json;
        this.publisher = publisher;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Publishes one batch of pending facts; answers how many were published. */
    public Mono<Integer> publishPending() {
        return db.sql("""
                        SELECT id, event_type, event::text AS event FROM outbox
                        WHERE published_at IS NULL ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED
                        """)
                .bind("batch", BATCH)
                .map(row -> new Pending(row.get("id", Long.class),
                        json.readValue(row.get("event", String.class),
                                OutboxEventTypes.classOf(row.get("event_type", String.class)))))
                .all()
                .collectList()
                .flatMap(this::publishAndMark)
                .as(transaction::transactional);
    }

    private Mono<Integer> publishAndMark(List<Pending> pending) {
        if (pending.isEmpty()) {
            return Mono.just(0);
        }
        // The publisher waits for Kafka's acknowledgement: keep that wait off the event loop.
        return Mono.fromRunnable(() -> publisher.publishAll(pending.stream().map(Pending::event).toList()))
                .subscribeOn(Schedulers.boundedElastic())
                .then(db.sql("UPDATE outbox SET published_at = :at WHERE id = ANY(:ids)")
                        .bind("at", clock.instant())
                        .bind("ids", pending.stream().map(Pending::id).toArray(Long[]::new))
                        .then())
                .thenReturn(pending.size());
    }

    @Scheduled(initialDelayString = "${owm.billing.outbox-sweep:5s}", fixedDelayString = "${owm.billing.outbox-sweep:5s}")
    void sweep() {
        try {
            Integer published;
            do {
                published = publishPending().block();
            } while (published != null && published == BATCH);
        } catch (RuntimeException e) {
            log.warn("Outbox facts not published yet, will retry: {}", e.getMessage());
        }
    }

    private record Pending(long id, BillingEvent event) {
    }
}
