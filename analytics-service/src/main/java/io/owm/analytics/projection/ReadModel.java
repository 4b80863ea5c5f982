package io.owm.analytics.projection;

import io.owm.contracts.backup.BackupRecords;
import io.owm.contracts.billing.BalanceAdjusted;
import io.owm.contracts.billing.ChatAdmitted;
import io.owm.contracts.billing.ChatCharged;
import io.owm.contracts.catalog.ModelTested;
import io.owm.support.r2dbc.Binder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes events into the read model. Every write is idempotent on the event id and tells whether the event was
 * new, so the live listener, billing's republishing after a crash and a rebuild's replay all end in the same rows,
 * and business metrics count each fact once.
 */
@Component
public class ReadModel {

    /*
     * One statement inserts the usage row and adds it to its hourly rollup, and the rollup only sees the row when
     * the insert did not conflict: the rollups can never drift from the rows, whatever is redelivered.
     */
    private static final String CHARGE = """
            WITH inserted AS (
                INSERT INTO usage_records (event_id, user_id, nickname, model_name, input_tokens, output_tokens,
                    cost, balance_after, tokens_estimated, use_time, imported, plan)
                VALUES (:eventId, :userId, :nickname, :model, :input, :output, :cost, :balance, :estimated, :at,
                    :imported, NULLIF(CAST(:plan AS TEXT), ''))  -- '' for no plan: a null cannot be bound untyped
                ON CONFLICT (event_id) DO NOTHING
                RETURNING user_id, nickname, model_name, input_tokens, output_tokens, cost, use_time
            ), rolled AS (
                INSERT INTO usage_hourly AS h (hour, model_name, user_id, nickname, calls, input_tokens,
                    output_tokens, cost, first_use, last_use)
                SELECT date_trunc('hour', use_time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', model_name, user_id,
                    nickname, 1, input_tokens, output_tokens, cost, use_time, use_time
                FROM inserted
                ON CONFLICT (hour, model_name, user_id) DO UPDATE SET
                    nickname = excluded.nickname,
                    calls = h.calls + 1,
                    input_tokens = h.input_tokens + excluded.input_tokens,
                    output_tokens = h.output_tokens + excluded.output_tokens,
                    cost = h.cost + excluded.cost,
                    first_use = least(h.first_use, excluded.first_use),
                    last_use = greatest(h.last_use, excluded.last_use)
            )
            SELECT count(*) AS inserted FROM inserted
            """;

    private static final String ROLL_UP_IMPORTED = """
            INSERT INTO usage_hourly (hour, model_name, user_id, nickname, calls, input_tokens, output_tokens, cost,
                first_use, last_use)
            SELECT date_trunc('hour', use_time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour, model_name, user_id,
                max(nickname), count(*), sum(input_tokens), sum(output_tokens), sum(cost), min(use_time), max(use_time)
            FROM usage_records GROUP BY 1, model_name, user_id
            """;

    private final DatabaseClient db;
    private final UsageBatch usage;

    ReadModel(DatabaseClient db, UsageBatch usage) {
        this.db = db;
        this.usage = usage;
    }

    /**
     * Applies a poll of events of {@code billing-events} and {@code model-tests}: the charges in one statement, the
     * rest one by one. Answers the events that were new to the read model.
     */
    public Mono<List<Object>> applyAll(List<Object> events) {
        List<ChatCharged> charges = events.stream()
                .filter(ChatCharged.class::isInstance).map(ChatCharged.class::cast).toList();
        return usage.insertAll(charges).flatMap(inserted -> {
            // A charge republished within the same poll is in the list twice but new only once.
            Set<UUID> notYetAnswered = new HashSet<>(inserted);
            return Flux.fromIterable(events)
                    .filter(event -> !(event instanceof ChatCharged))
                    .concatMap(event -> apply(event).filter(Boolean::booleanValue).map(isNew -> event))
                    .concatWith(Flux.fromIterable(charges).filter(charge -> notYetAnswered.remove(charge.eventId())))
                    .collectList();
        });
    }

    /** Applies an event of {@code billing-events} or {@code model-tests}; true when it was new to the read model. */
    public Mono<Boolean> apply(Object event) {
        if (event instanceof ChatCharged charged) {
            return charge(charged);
        }
        if (event instanceof ChatAdmitted admitted && admitted.blocked()) {
            return blockedInlet(admitted);
        }
        if (event instanceof ChatAdmitted admitted && admitted.refused()) {
            return planEvent(admitted.eventId(), "refusal", admitted.userId(), admitted.plan(),
                    admitted.refusalReason() == null ? "balance" : admitted.refusalReason(), null,
                    admitted.occurredAt());
        }
        if (event instanceof BalanceAdjusted adjusted && "ALLOWANCE".equals(adjusted.reason())) {
            return planEvent(adjusted.eventId(), "grant", adjusted.userId(), adjusted.plan(), null,
                    adjusted.amount(), adjusted.occurredAt());
        }
        if (event instanceof ModelTested tested) {
            return modelTest(tested);
        }
        return Mono.just(false);
    }

    /**
     * Empties what the topics will rebuild, before a rebuild replays them. Usage records taken over from a backup
     * exist in no topic: they stay, and the hourly rollups start again from them.
     */
    public Mono<Void> truncate() {
        return db.sql("DELETE FROM usage_records WHERE NOT imported").then()
                .then(db.sql("TRUNCATE usage_hourly, blocked_inlets, model_tests, plan_events").then())
                .then(db.sql(ROLL_UP_IMPORTED).then());
    }

    /** Adds a usage record taken over from a backup, and its rollup; false when it was there already. */
    public Mono<Boolean> importRecord(UUID key, BackupRecords.UsageRecord record) {
        return db.sql(CHARGE)
                .bind("eventId", key)
                .bind("userId", record.userId())
                .bind("nickname", record.nickname() == null ? record.userId() : record.nickname())
                .bind("model", record.modelName())
                .bind("input", record.inputTokens())
                .bind("output", record.outputTokens())
                .bind("cost", record.cost())
                .bind("balance", record.balanceAfter())
                .bind("estimated", false)
                .bind("at", record.useTime())
                .bind("imported", true)
                .bind("plan", "")
                .map(row -> row.get("inserted", Long.class) > 0)
                .one();
    }

    private Mono<Boolean> charge(ChatCharged charged) {
        return db.sql(CHARGE)
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
                .bind("imported", false)
                .bind("plan", charged.plan() == null ? "" : charged.plan())
                .map(row -> row.get("inserted", Long.class) > 0)
                .one();
    }

    private Mono<Boolean> blockedInlet(ChatAdmitted admitted) {
        return db.sql("""
                        INSERT INTO blocked_inlets (event_id, user_id, model_name, at)
                        VALUES (:eventId, :userId, :model, :at) ON CONFLICT (event_id) DO NOTHING
                        """)
                .bind("eventId", admitted.eventId())
                .bind("userId", admitted.userId())
                .bind("model", admitted.model())
                .bind("at", admitted.occurredAt())
                .fetch().rowsUpdated()
                .map(rows -> rows > 0);
    }

    private Mono<Boolean> planEvent(UUID eventId, String kind, String userId, String plan, String reason,
            BigDecimal amount, Instant at) {
        var spec = db.sql("""
                        INSERT INTO plan_events (event_id, kind, user_id, plan, reason, amount, at)
                        VALUES (:eventId, :kind, :userId, :plan, :reason, :amount, :at)
                        ON CONFLICT (event_id) DO NOTHING
                        """)
                .bind("eventId", eventId)
                .bind("kind", kind)
                .bind("userId", userId)
                .bind("at", at);
        return Binder.of(spec)
                .bindNullable("plan", plan, String.class)
                .bindNullable("reason", reason, String.class)
                .bindNullable("amount", amount, BigDecimal.class)
                .spec()
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    private Mono<Boolean> modelTest(ModelTested tested) {
        var spec = db.sql("""
                        INSERT INTO model_tests (event_id, model_id, ok, latency_millis, error, tested_at)
                        VALUES (:eventId, :model, :ok, :latency, :error, :at) ON CONFLICT (event_id) DO NOTHING
                        """)
                .bind("eventId", tested.eventId())
                .bind("model", tested.modelId())
                .bind("ok", tested.ok())
                .bind("latency", tested.latencyMillis())
                .bind("at", tested.occurredAt());
        return Binder.of(spec).bindNullable("error", tested.error(), String.class).spec()
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }
}
