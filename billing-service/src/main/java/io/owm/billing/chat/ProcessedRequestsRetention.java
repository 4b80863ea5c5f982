package io.owm.billing.chat;

import io.owm.billing.BillingProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps the idempotency store bounded: replies older than the retention are deleted, a small batch per statement,
 * so that no statement holds many locks or runs long, and rows another instance is deleting are skipped rather
 * than waited for. The retention must be longer than anything can still be redelivered: longer than Kafka keeps
 * {@code chat-events} (7 days by default) plus the longest a billing instance may stay behind.
 */
@Component
class ProcessedRequestsRetention {

    private static final Logger log = LoggerFactory.getLogger(ProcessedRequestsRetention.class);
    static final int BATCH = 5_000;
    /** At most this many batches an hour: a first run over a long history spreads over the hours after it. */
    private static final int BATCHES_PER_RUN = 100;

    private final DatabaseClient db;
    private final Duration retention;
    private final Clock clock;

    ProcessedRequestsRetention(DatabaseClient db, BillingProperties properties, Clock clock) {
        this.db = db;
        this.retention = properties.replyRetention();
        this.clock = clock;
    }

    /** Deletes one batch of expired replies; answers how many. */
    Mono<Long> pruneOnce() {
        Instant cutoff = clock.instant().minus(retention);
        return db.sql("""
                        DELETE FROM processed_requests WHERE request_key IN (
                            SELECT request_key FROM processed_requests WHERE created_at < :cutoff
                            ORDER BY created_at LIMIT :batch FOR UPDATE SKIP LOCKED)
                        """)
                .bind("cutoff", cutoff)
                .bind("batch", BATCH)
                .fetch().rowsUpdated();
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void prune() {
        try {
            long total = 0;
            Long deleted;
            int batches = 0;
            do {
                deleted = pruneOnce().block();
                total += deleted == null ? 0 : deleted;
            } while (deleted != null && deleted == BATCH && ++batches < BATCHES_PER_RUN);
            if (total > 0) {
                log.info("Pruned {} stored replies older than {}", total, retention);
            }
        } catch (RuntimeException e) {
            log.warn("Stored replies not pruned this time, will retry: {}", e.getMessage());
        }
    }
}
