package io.owm.billing.ledger;

import io.owm.billing.support.Binder;
import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The only way a balance changes: one statement moves the balance and appends the entry with the balance after
 * it, so the two can never disagree. Callers run it inside their transaction, with the user's row locked.
 */
@Component
public class Ledger {

    private static final String APPEND = """
            WITH moved AS (
                UPDATE users SET balance = balance + :amount, updated_at = :at WHERE id = :userId RETURNING balance
            )
            INSERT INTO ledger_entries (user_id, amount, balance_after, reason, cause, actor, note, created_at)
            SELECT :userId, :amount, moved.balance, :reason, :cause, :actor, :note, :at FROM moved
            RETURNING balance_after
            """;

    private final DatabaseClient db;

    Ledger(DatabaseClient db) {
        this.db = db;
    }

    /** Appends the entry and answers the balance after it. */
    public Mono<BigDecimal> append(LedgerEntry entry, Instant at) {
        return Binder.of(db.sql(APPEND))
                .bind("userId", entry.userId())
                .bind("amount", entry.amount())
                .bind("reason", entry.reason().name())
                .bind("cause", entry.cause())
                .bindNullable("actor", entry.actor(), String.class)
                .bindNullable("note", entry.note(), String.class)
                .bind("at", at)
                .spec()
                .map(row -> row.get("balance_after", BigDecimal.class))
                .one()
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("No user " + entry.userId())));
    }
}
