package io.owm.billing.backup;

import io.owm.contracts.Money;
import io.owm.contracts.backup.BackupRecords;
import io.owm.contracts.backup.JsonStream;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Billing's part of a backup, streamed: {@code {"users":[...],"ledger":[...],"counts":{...}}}. The counts come
 * last, from the rows actually written, so a reader can tell a whole part from a cut one.
 */
@Component
class BillingBackup {

    private final DatabaseClient db;
    private final JsonMapper json;

    BillingBackup(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Flux<DataBuffer> export() {
        long[] users = {0};
        long[] entries = {0};
        Flux<BackupRecords.User> userRows = db.sql("""
                        SELECT id, email, name, role, balance, blocked, created_at FROM users ORDER BY id
                        """)
                .map(row -> new BackupRecords.User(row.get("id", String.class), row.get("email", String.class),
                        row.get("name", String.class), row.get("role", String.class),
                        Money.plain(row.get("balance", BigDecimal.class)),
                        Boolean.TRUE.equals(row.get("blocked", Boolean.class)),
                        row.get("created_at", OffsetDateTime.class)))
                .all()
                .doOnNext(u -> users[0]++);
        Flux<BackupRecords.LedgerEntry> ledgerRows = db.sql("""
                        SELECT id, user_id, amount, balance_after, reason, cause, actor, note, created_at
                        FROM ledger_entries ORDER BY id
                        """)
                .map(row -> new BackupRecords.LedgerEntry(row.get("id", Long.class), row.get("user_id", String.class),
                        Money.plain(row.get("amount", BigDecimal.class)),
                        Money.plain(row.get("balance_after", BigDecimal.class)), row.get("reason", String.class),
                        row.get("cause", String.class), row.get("actor", String.class), row.get("note", String.class),
                        row.get("created_at", OffsetDateTime.class)))
                .all()
                .doOnNext(e -> entries[0]++);
        return JsonStream.text("{")
                .concatWith(JsonStream.array("users", userRows, json))
                .concatWith(JsonStream.text(","))
                .concatWith(JsonStream.array("ledger", ledgerRows, json))
                .concatWith(Mono.defer(() -> Mono.just(json.writeValueAsString(
                                Map.of("users", users[0], "ledger", entries[0]))))
                        .flatMapMany(counts -> JsonStream.text(",\"counts\":" + counts + "}")));
    }
}
