package io.owm.billing.user;

import io.owm.contracts.chat.ChatUser;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Users as billing sees them: inserted on first sight, their profile refreshed from the latest chat event, and
 * locked for the rest of the transaction whenever chat events touch them.
 */
@Component
public class UserAccounts {

    /*
     * One round trip for a whole batch: registers unknown users, refreshes known ones and takes the row locks
     * (ON CONFLICT DO UPDATE locks a row like SELECT FOR UPDATE). Rows are locked in id order, so two
     * transactions never wait on each other in a cycle. xmax = 0 only on a freshly inserted row.
     */
    private static final String UPSERT_AND_LOCK = """
            INSERT INTO users (id, email, name, role, balance, created_at, updated_at)
            SELECT id, email, name, role, 0, :at, :at
            FROM unnest(CAST(:ids AS text[]), CAST(:emails AS text[]), CAST(:names AS text[]),
                        CAST(:roles AS text[])) AS u(id, email, name, role)
            ORDER BY id
            ON CONFLICT (id) DO UPDATE SET
                email = COALESCE(EXCLUDED.email, users.email),
                name = COALESCE(EXCLUDED.name, users.name),
                role = COALESCE(EXCLUDED.role, users.role)
            RETURNING id, (xmax = 0) AS inserted, name, balance, blocked, role, plan
            """;

    private final DatabaseClient db;

    UserAccounts(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Locks these users' rows, inserting the unknown ones with a zero balance, and answers them by id. When a
     * user appears more than once, the last profile wins.
     */
    public Mono<Map<String, Account>> lockOrRegister(Collection<ChatUser> users, Instant at) {
        Collection<ChatUser> latest = users.stream()
                .collect(Collectors.toMap(ChatUser::id, Function.identity(), (first, second) -> second))
                .values();
        return db.sql(UPSERT_AND_LOCK)
                .bind("ids", latest.stream().map(ChatUser::id).toArray(String[]::new))
                .bind("emails", latest.stream().map(ChatUser::email).toArray(String[]::new))
                .bind("names", latest.stream().map(ChatUser::name).toArray(String[]::new))
                .bind("roles", latest.stream().map(ChatUser::role).toArray(String[]::new))
                .bind("at", at)
                .map(row -> new Account(row.get("id", String.class), row.get("name", String.class),
                        row.get("balance", BigDecimal.class), Boolean.TRUE.equals(row.get("blocked", Boolean.class)),
                        Boolean.TRUE.equals(row.get("inserted", Boolean.class)), row.get("role", String.class),
                        row.get("plan", String.class)))
                .all()
                .collectMap(Account::id);
    }
}
