package io.owm.billing.user;

import io.owm.contracts.chat.ChatUser;
import java.time.Instant;
import io.owm.billing.support.BatchDatabase;
import io.owm.billing.support.JdbcParameters;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

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

    private final BatchDatabase db;

    UserAccounts(BatchDatabase db) {
        this.db = db;
    }

    /**
     * Locks these users' rows, inserting the unknown ones with a zero balance, and answers them by id. When a
     * user appears more than once, the last profile wins.
     */
    public Map<String, Account> lockOrRegister(Collection<ChatUser> users, Instant at) {
        Collection<ChatUser> latest = users.stream()
                .collect(Collectors.toMap(ChatUser::id, Function.identity(), (first, second) -> second))
                .values();
        SqlParameterSource parameters = JdbcParameters.of(Map.of(
                "ids", latest.stream().map(ChatUser::id).toArray(String[]::new),
                "emails", latest.stream().map(ChatUser::email).toArray(String[]::new),
                "names", latest.stream().map(ChatUser::name).toArray(String[]::new),
                "roles", latest.stream().map(ChatUser::role).toArray(String[]::new),
                "at", at));
        Map<String, Account> locked = new LinkedHashMap<>();
        db.jdbc().query(UPSERT_AND_LOCK, parameters, row -> {
            Account account = new Account(row.getString("id"), row.getString("name"), row.getBigDecimal("balance"),
                    row.getBoolean("blocked"), row.getBoolean("inserted"), row.getString("role"),
                    row.getString("plan"));
            locked.put(account.id(), account);
        });
        return locked;
    }
}
