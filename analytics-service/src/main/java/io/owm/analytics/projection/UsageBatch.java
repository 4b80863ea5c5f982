package io.owm.analytics.projection;

import io.owm.contracts.billing.ChatCharged;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The usage rows of a whole poll of charges in one statement, with their hourly rollups. Under load a poll holds
 * hundreds of charges, and a statement each was most of this service's CPU and database time. As with the
 * single-row statement, the rollups only count rows whose insert did not conflict, so a redelivered charge (in a
 * later poll or twice in the same one) is counted once.
 */
@Component
class UsageBatch {

    private static final String CHARGE_ALL = """
            WITH batch AS (
                SELECT * FROM unnest(CAST(:eventIds AS uuid[]), CAST(:userIds AS text[]), CAST(:nicknames AS text[]),
                    CAST(:models AS text[]), CAST(:inputs AS bigint[]), CAST(:outputs AS bigint[]),
                    CAST(:costs AS numeric[]), CAST(:balances AS numeric[]), CAST(:estimated AS boolean[]),
                    CAST(:times AS timestamptz[]), CAST(:plans AS text[]))
                AS b(event_id, user_id, nickname, model_name, input_tokens, output_tokens, cost, balance_after,
                     tokens_estimated, use_time, plan)
            ), inserted AS (
                INSERT INTO usage_records (event_id, user_id, nickname, model_name, input_tokens, output_tokens,
                    cost, balance_after, tokens_estimated, use_time, imported, plan)
                SELECT event_id, user_id, nickname, model_name, input_tokens, output_tokens, cost, balance_after,
                    tokens_estimated, use_time, FALSE, plan
                FROM batch
                ON CONFLICT (event_id) DO NOTHING
                RETURNING event_id, user_id, nickname, model_name, input_tokens, output_tokens, cost, use_time
            ), rolled AS (
                INSERT INTO usage_hourly AS h (hour, model_name, user_id, nickname, calls, input_tokens,
                    output_tokens, cost, first_use, last_use)
                SELECT date_trunc('hour', use_time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', model_name, user_id,
                    (array_agg(nickname ORDER BY use_time DESC))[1], count(*), sum(input_tokens),
                    sum(output_tokens), sum(cost), min(use_time), max(use_time)
                FROM inserted
                GROUP BY 1, model_name, user_id
                ON CONFLICT (hour, model_name, user_id) DO UPDATE SET
                    nickname = excluded.nickname,
                    calls = h.calls + excluded.calls,
                    input_tokens = h.input_tokens + excluded.input_tokens,
                    output_tokens = h.output_tokens + excluded.output_tokens,
                    cost = h.cost + excluded.cost,
                    first_use = least(h.first_use, excluded.first_use),
                    last_use = greatest(h.last_use, excluded.last_use)
            )
            SELECT event_id FROM inserted
            """;

    private final DatabaseClient db;

    UsageBatch(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts the usage rows of these charges; answers the event ids that were new to the read model. */
    Mono<Set<UUID>> insertAll(List<ChatCharged> charges) {
        if (charges.isEmpty()) {
            return Mono.just(Set.of());
        }
        return db.sql(CHARGE_ALL)
                .bind("eventIds", texts(charges, c -> c.eventId().toString()))
                .bind("userIds", texts(charges, ChatCharged::userId))
                .bind("nicknames", texts(charges, c -> c.nickname() == null ? c.userId() : c.nickname()))
                .bind("models", texts(charges, ChatCharged::model))
                .bind("inputs", charges.stream().map(ChatCharged::inputTokens).toArray(Long[]::new))
                .bind("outputs", charges.stream().map(ChatCharged::outputTokens).toArray(Long[]::new))
                .bind("costs", texts(charges, c -> plain(c.cost())))
                .bind("balances", texts(charges, c -> plain(c.newBalance())))
                .bind("estimated", texts(charges, c -> Boolean.toString(c.tokensEstimated())))
                .bind("times", texts(charges, c -> c.occurredAt().toString()))
                .bind("plans", texts(charges, ChatCharged::plan))
                .map(row -> row.get("event_id", UUID.class))
                .all()
                .collect(Collectors.toSet());
    }

    private static String[] texts(List<ChatCharged> charges, Function<ChatCharged, String> field) {
        return charges.stream().map(field).toArray(String[]::new);
    }

    private static String plain(BigDecimal amount) {
        return amount.toPlainString();
    }
}
