package io.owm.analytics.usage;

import io.owm.contracts.billing.ChatCharged;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Projects {@code ChatCharged} facts into usage rows. Idempotent on the event id, so redelivery, billing's
 * republishing and a full replay of the topic all end in the same rows.
 */
@Component
class UsageProjection {

    private final DatabaseClient db;

    UsageProjection(DatabaseClient db) {
        this.db = db;
    }

    @KafkaListener(id = "analytics-billing-events", topics = "billing-events", idIsGroup = false, batch = "true")
    void onBillingEvents(List<ConsumerRecord<String, Object>> records) {
        Flux.fromIterable(records)
                .mapNotNull(ConsumerRecord::value)
                .filter(ChatCharged.class::isInstance)
                .cast(ChatCharged.class)
                .concatMap(this::record)
                .blockLast();
    }

    private reactor.core.publisher.Mono<Long> record(ChatCharged charged) {
        return db.sql("""
                        INSERT INTO usage_records (event_id, user_id, nickname, model_name, input_tokens,
                            output_tokens, cost, balance_after, tokens_estimated, use_time)
                        VALUES (:eventId, :userId, :nickname, :model, :input, :output, :cost, :balance, :estimated,
                            :at)
                        ON CONFLICT (event_id) DO NOTHING
                        """)
                .bind("eventId", charged.eventId())
                .bind("userId", charged.userId())
                .bind("nickname", charged.nickname() == null ? charged.userId() : charged.nickname())
                .bind("model", charged.model())
                .bind("input", charged.inputTokens())
                .bind("output", charged.outputTokens())
                .bind("cost", charged.cost())
                .bind("balance", charged.newBalance())
                .bind("estimated", charged.tokensEstimated())
                .bind("at", charged.occurredAt())
                .fetch()
                .rowsUpdated();
    }
}
