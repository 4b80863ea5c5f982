package io.owm.billing.backup;

import io.owm.billing.ledger.Ledger;
import io.owm.billing.ledger.LedgerEntry;
import io.owm.billing.ledger.LedgerReason;
import io.owm.contracts.backup.BackupRecords;
import io.owm.contracts.billing.BalanceAdjusted;
import io.owm.contracts.billing.BillingEvent;
import io.owm.contracts.billing.UserBlocked;
import io.owm.contracts.billing.UserRegistered;
import io.owm.contracts.billing.UserUnblocked;
import io.owm.support.outbox.Outbox;
import io.owm.support.outbox.OutboxRelay;
import io.owm.support.r2dbc.Binder;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Takes users and balances over from a backup, all in one transaction. A user's profile and blocked state become
 * the backup's; the balance becomes the backup's through one {@code IMPORT} ledger entry of the difference, so
 * the same backup imported twice changes nothing the second time. The exported installation's ledger is kept as
 * history ({@code imported_ledger_entries}). A dry run does all of it and rolls back, so its counts are exact.
 */
@Component
class BillingImport {

    static final String ACTOR = "import";

    private final DatabaseClient db;
    private final Ledger ledger;
    private final Outbox<BillingEvent> outbox;
    private final OutboxRelay<BillingEvent> relay;
    private final TransactionalOperator transaction;
    private final Clock clock;

    BillingImport(DatabaseClient db, Ledger ledger, Outbox<BillingEvent> outbox, OutboxRelay<BillingEvent> relay,
            TransactionalOperator transaction, Clock clock) {
        this.db = db;
        this.ledger = ledger;
        this.outbox = outbox;
        this.relay = relay;
        this.transaction = transaction;
        this.clock = clock;
    }

    Mono<ImportCounts> importAll(List<BackupRecords.User> users, List<BackupRecords.LedgerEntry> history,
            boolean dryRun) {
        Instant at = clock.instant();
        ImportCounts counts = new ImportCounts();
        Mono<ImportCounts> work = Flux.fromIterable(users)
                .concatMap(user -> importUser(user, at, counts))
                .thenMany(Flux.fromIterable(history).concatMap(entry -> keepHistory(entry, counts)))
                .then(Mono.just(counts));
        return transaction.execute(status -> {
                    if (dryRun) {
                        status.setRollbackOnly();
                    }
                    return work;
                })
                .single()
                .flatMap(done -> dryRun || !done.changedAnything() ? Mono.just(done)
                        : relay.publishSoon().thenReturn(done));
    }

    private Mono<Void> importUser(BackupRecords.User user, Instant at, ImportCounts counts) {
        return Binder.of(db.sql("""
                        INSERT INTO users (id, email, name, role, balance, blocked, created_at, updated_at)
                        VALUES (:id, :email, :name, :role, 0, :blocked, COALESCE(:createdAt, :at), :at)
                        ON CONFLICT (id) DO UPDATE SET
                            email = COALESCE(EXCLUDED.email, users.email),
                            name = COALESCE(EXCLUDED.name, users.name),
                            role = COALESCE(EXCLUDED.role, users.role),
                            blocked = EXCLUDED.blocked
                        RETURNING (xmax = 0) AS inserted, balance,
                                  (SELECT blocked FROM users old WHERE old.id = :id) AS was_blocked
                        """))
                .bind("id", user.id())
                .bindNullable("email", user.email(), String.class)
                .bindNullable("name", user.name(), String.class)
                .bindNullable("role", user.role(), String.class)
                .bind("blocked", user.deleted())
                .bindNullable("createdAt", user.createdAt(), OffsetDateTime.class)
                .bind("at", at)
                .spec()
                .map(row -> new Upserted(Boolean.TRUE.equals(row.get("inserted", Boolean.class)),
                        row.get("balance", BigDecimal.class), row.get("was_blocked", Boolean.class)))
                .one()
                .flatMap(upserted -> recordFacts(user, upserted, at, counts)
                        .then(moveBalance(user, upserted.balance(), at, counts)));
    }

    private Mono<Void> recordFacts(BackupRecords.User user, Upserted upserted, Instant at, ImportCounts counts) {
        if (upserted.inserted()) {
            counts.usersCreated++;
            Mono<Void> registered = outbox.add(new UserRegistered(UUID.randomUUID(), at, user.id(), user.email(),
                    user.name(), user.role(), BigDecimal.ZERO));
            return user.deleted()
                    ? registered.then(outbox.add(new UserBlocked(UUID.randomUUID(), at, user.id(), ACTOR)))
                    : registered;
        }
        counts.usersUpdated++;
        boolean wasBlocked = Boolean.TRUE.equals(upserted.wasBlocked());
        if (wasBlocked == user.deleted()) {
            return Mono.empty();
        }
        return outbox.add(user.deleted()
                ? new UserBlocked(UUID.randomUUID(), at, user.id(), ACTOR)
                : new UserUnblocked(UUID.randomUUID(), at, user.id(), ACTOR));
    }

    private Mono<Void> moveBalance(BackupRecords.User user, BigDecimal current, Instant at, ImportCounts counts) {
        BigDecimal difference = user.balance().subtract(current);
        if (difference.signum() == 0) {
            return Mono.empty();
        }
        counts.balancesChanged++;
        LedgerEntry entry = new LedgerEntry(user.id(), difference, LedgerReason.IMPORT, "import:" + at, ACTOR,
                "balance taken over from a backup");
        return ledger.append(entry, at)
                .flatMap(balance -> outbox.add(new BalanceAdjusted(UUID.randomUUID(), at, user.id(), difference,
                        balance, LedgerReason.IMPORT.name(), entry.note(), ACTOR)));
    }

    private Mono<Void> keepHistory(BackupRecords.LedgerEntry entry, ImportCounts counts) {
        return Binder.of(db.sql("""
                        INSERT INTO imported_ledger_entries (user_id, source_id, amount, balance_after, reason, cause,
                                                             actor, note, created_at)
                        VALUES (:userId, :sourceId, :amount, :balanceAfter, :reason, :cause, :actor, :note, :createdAt)
                        ON CONFLICT (user_id, source_id) DO NOTHING
                        RETURNING source_id
                        """))
                .bind("userId", entry.userId())
                .bind("sourceId", entry.id())
                .bind("amount", entry.amount())
                .bind("balanceAfter", entry.balanceAfter())
                .bind("reason", entry.reason())
                .bindNullable("cause", entry.cause(), String.class)
                .bindNullable("actor", entry.actor(), String.class)
                .bindNullable("note", entry.note(), String.class)
                .bind("createdAt", entry.createdAt())
                .spec()
                .map(row -> 1)
                .one()
                .doOnNext(added -> counts.historyAdded++)
                .then();
    }

    private record Upserted(boolean inserted, BigDecimal balance, Boolean wasBlocked) {
    }
}
