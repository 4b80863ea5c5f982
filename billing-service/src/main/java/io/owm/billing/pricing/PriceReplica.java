package io.owm.billing.pricing;

import io.owm.contracts.Topics;
import io.owm.contracts.catalog.ModelPriced;
import io.owm.support.kafka.BatchRecords;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps billing's copy of the catalog's prices. Every instance reads the whole compacted {@code model-prices}
 * topic in a consumer group of its own (a shared group would give each instance only some models), stores each
 * price in {@code model_price_history} and puts it in the {@link PriceBook}. At start, before any chat event is
 * consumed, the book is loaded from that table, which also holds the prices that compaction has since dropped.
 */
@Component
class PriceReplica implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PriceReplica.class);

    private final DatabaseClient db;
    private final PriceBook book;
    private volatile boolean running;

    PriceReplica(DatabaseClient db, PriceBook book) {
        this.db = db;
        this.book = book;
    }

    @KafkaListener(id = "billing-model-prices",
            topics = "#{T(io.owm.contracts.Topics).MODEL_PRICES.name()}", batch = "true", concurrency = "1",
            groupId = "billing-prices-${random.uuid}", idIsGroup = false,
            properties = "auto.offset.reset=earliest")
    void onPrices(List<ConsumerRecord<String, Object>> records) {
        BatchRecords.applyUpToPoison(records, decodable -> Flux.fromIterable(decodable)
                .map(ConsumerRecord::value)
                .ofType(ModelPriced.class)
                .concatMap(priced -> store(priced).thenReturn(priced))
                .doOnNext(priced -> book.record(priced.modelId(), priced.occurredAt(), priceOf(priced)))
                .blockLast());
    }

    private Mono<Void> store(ModelPriced priced) {
        return db.sql("""
                        INSERT INTO model_price_history (model_id, effective_at, input_price, output_price,
                                                         per_msg_price)
                        VALUES (:model, :at, :input, :output, :perMessage)
                        ON CONFLICT (model_id, effective_at) DO NOTHING
                        """)
                .bind("model", priced.modelId())
                .bind("at", priced.occurredAt())
                .bind("input", priced.inputPrice())
                .bind("output", priced.outputPrice())
                .bind("perMessage", priced.perMessagePrice())
                .then();
    }

    private static Price priceOf(ModelPriced priced) {
        return new Price(priced.inputPrice(), priced.outputPrice(), priced.perMessagePrice());
    }

    /** Runs before the Kafka listeners start (a lower phase), so no outlet is charged from an empty book. */
    @Override
    public void start() {
        Long loaded = db.sql("""
                        SELECT model_id, effective_at, input_price, output_price, per_msg_price
                        FROM model_price_history
                        """)
                .map(row -> {
                    book.record(row.get("model_id", String.class),
                            row.get("effective_at", OffsetDateTime.class).toInstant(),
                            new Price(row.get("input_price", BigDecimal.class),
                                    row.get("output_price", BigDecimal.class),
                                    row.get("per_msg_price", BigDecimal.class)));
                    return 1;
                })
                .all()
                .count()
                .block();
        log.info("Loaded {} model prices from the replica of {}", loaded, Topics.MODEL_PRICES.name());
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }
}
