package io.owm.billing.ledger;

import io.owm.billing.support.CombinedWrite;
import io.owm.support.r2dbc.Binder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The only way a balance changes: the entry and the new balance are written together, in the caller's
 * transaction, with the user's row locked, so the two can never disagree.
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

    /* Entries keep their order: ids follow the ordinality, so "newest first" is "highest id first". */
    private static final String APPEND_ALL = """
            INSERT INTO ledger_entries (user_id, amount, balance_after, reason, cause, created_at)
            SELECT user_id, amount, balance_after, reason, cause, :at
            FROM unnest(CAST(:entryUsers AS text[]), CAST(:entryAmounts AS numeric[]),
                        CAST(:entryAfters AS numeric[]), CAST(:entryReasons AS text[]), CAST(:entryCauses AS text[]))
                 WITH ORDINALITY AS e(user_id, amount, balance_after, reason, cause, ord)
            ORDER BY ord
            """;

    private static final String SET_BALANCES = """
            UPDATE users SET balance = b.balance, updated_at = :at
            FROM unnest(CAST(:balanceUsers AS text[]), CAST(:balances AS numeric[])) AS b(id, balance)
            WHERE users.id = b.id
            """;

    private final DatabaseClient db;

    Ledger(DatabaseClient db) {
        this.db = db;
    }

    /** Appends one entry, moving the balance in the same statement, and answers the balance after it. */
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

    /**
     * Adds to {@code write} a batch's entries and each user's new balance, the last balance after of the user's
     * entries ({@code balances}).
     */
    public void appendAll(CombinedWrite write, List<PlannedEntry> entries, Map<String, BigDecimal> balances,
            Instant at) {
        if (entries.isEmpty()) {
            return;
        }
        write.add(APPEND_ALL, Map.of(
                "entryUsers", entries.stream().map(PlannedEntry::userId).toArray(String[]::new),
                "entryAmounts", entries.stream().map(e -> e.amount().toPlainString()).toArray(String[]::new),
                "entryAfters", entries.stream().map(e -> e.balanceAfter().toPlainString()).toArray(String[]::new),
                "entryReasons", entries.stream().map(e -> e.reason().name()).toArray(String[]::new),
                "entryCauses", entries.stream().map(PlannedEntry::cause).toArray(String[]::new),
                "at", at));
        List<Map.Entry<String, BigDecimal>> users = List.copyOf(balances.entrySet());
        write.add(SET_BALANCES, Map.of(
                "balanceUsers", users.stream().map(Map.Entry::getKey).toArray(String[]::new),
                "balances", users.stream().map(u -> u.getValue().toPlainString()).toArray(String[]::new),
                "at", at));
    }
}
