package io.owm.support.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes committed outbox facts and marks them published. Called right after each change that wrote one and,
 * for whatever that call missed (Kafka down, a crash after the commit), every sweep interval. Rows are claimed with
 * {@code SKIP LOCKED}, so several instances never publish the same batch at once; a crash between the publish and
 * the mark republishes, which consumers absorb by deduping on the event id (or, for compacted state, by keeping
 * the latest).
 *
 * @param <E> the events of this outbox
 */
public class OutboxRelay<E> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    static final int BATCH = 200;
    private static final int PRUNE_BATCH = 1000;
    /* Published facts stay a while for whoever investigates an incident, then go, so the table stays small. */
    private static final Duration KEEP_PUBLISHED = Duration.ofDays(7);

    private final DatabaseClient db;
    private final JsonMapper json;
    private final TransactionalOperator transaction;
    private final Clock clock;
    private final Outbox<E> outbox;
    private final OutboxSink<E> sink;
    private final Duration sweep;
    private ScheduledExecutorService sweeper;

    public OutboxRelay(DatabaseClient db, JsonMapper json, TransactionalOperator transaction, Clock clock,
            Outbox<E> outbox, OutboxSink<E> sink, Duration sweep) {
        this.db = db;
        this.json = json;
        this.transaction = transaction;
        this.clock = clock;
        this.outbox = outbox;
        this.sink = sink;
        this.sweep = sweep;
    }

    /** Publishes one batch of pending facts; answers how many were published. */
    public Mono<Integer> publishPending() {
        return db.sql("""
                        SELECT id, event_type, event::text AS event FROM outbox
                        WHERE published_at IS NULL ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED
                        """)
                .bind("batch", BATCH)
                .map(row -> new Pending<E>(row.get("id", Long.class),
                        json.readValue(row.get("event", String.class),
                                outbox.classOf(row.get("event_type", String.class)))))
                .all()
                .collectList()
                .flatMap(this::publishAndMark)
                .as(transaction::transactional);
    }

    /** Publishes pending facts batch by batch until none are left; answers how many were published. */
    public Mono<Integer> publishAll() {
        return publishPending()
                .expand(published -> published == BATCH ? publishPending() : Mono.empty())
                .reduce(0, Integer::sum);
    }

    /**
     * Publishes what was just committed, right after the commit. The change is already durable: a failure here
     * only delays its facts until the next sweep, so it is logged, never answered as an error.
     */
    public Mono<Void> publishSoon() {
        return publishAll()
                .doOnError(e -> log.warn("Change committed; its facts wait for the next outbox sweep: {}",
                        e.getMessage()))
                .onErrorResume(e -> Mono.empty())
                .then();
    }

    /** Deletes published facts older than {@code before}, a bounded number per call. */
    Mono<Long> prunePublished(Instant before) {
        return db.sql("""
                        DELETE FROM outbox WHERE id IN (
                            SELECT id FROM outbox WHERE published_at < :before LIMIT :batch)
                        """)
                .bind("before", before)
                .bind("batch", PRUNE_BATCH)
                .fetch()
                .rowsUpdated();
    }

    private Mono<Integer> publishAndMark(List<Pending<E>> pending) {
        if (pending.isEmpty()) {
            return Mono.just(0);
        }
        return sink.publish(pending.stream().map(Pending::event).toList())
                .then(db.sql("UPDATE outbox SET published_at = :at WHERE id = ANY(:ids)")
                        .bind("at", clock.instant())
                        .bind("ids", pending.stream().map(Pending::id).toArray(Long[]::new))
                        .then())
                .thenReturn(pending.size());
    }

    private void sweep() {
        try {
            publishAll().block();
            prunePublished(clock.instant().minus(KEEP_PUBLISHED)).block();
        } catch (RuntimeException e) {
            log.warn("Outbox facts not published yet, will retry: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void start() {
        sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "outbox-sweep");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, sweep.toMillis(), sweep.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (sweeper != null) {
            sweeper.shutdownNow();
            sweeper = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return sweeper != null;
    }

    private record Pending<E>(long id, E event) {
    }
}
