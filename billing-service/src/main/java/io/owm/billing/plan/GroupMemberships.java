package io.owm.billing.plan;

import io.owm.billing.support.CombinedRead;
import io.owm.contracts.catalog.UserGroups;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Billing's replica of the users' OpenWebUI groups ({@code user_groups}), by which plans are assigned. */
@Component
public class GroupMemberships {

    private final DatabaseClient db;
    private final JsonMapper json;

    GroupMemberships(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** The groups of these users; a user in no group (or never synced) is absent. */
    public Mono<Map<String, List<String>>> find(Collection<String> users) {
        CombinedRead read = new CombinedRead();
        CombinedRead.Part<Map<String, List<String>>> groups = find(read, users);
        return read.execute(db, json).map(found -> found.of(groups));
    }

    /** Adds to {@code read} the groups of these users, as {@link #find(Collection)} answers them. */
    public CombinedRead.Part<Map<String, List<String>>> find(CombinedRead read, Collection<String> users) {
        return read.add("SELECT user_id, groups FROM user_groups WHERE user_id = ANY(CAST(:users AS text[]))",
                Map.of("users", users.toArray(String[]::new)),
                rows -> rows.stream().collect(Collectors.toMap(row -> row.string("user_id"),
                        row -> row.strings("groups"))));
    }

    /** Every user with groups, for finding who a plan applies to. */
    Flux<Map.Entry<String, List<String>>> all() {
        return db.sql("SELECT user_id, groups FROM user_groups")
                .map(row -> Map.entry(row.get("user_id", String.class),
                        List.of(row.get("groups", String[].class))))
                .all();
    }

    /**
     * Stores a user's groups unless a later change is stored already (a redelivered or reordered record never
     * puts back what a newer one replaced).
     */
    Mono<Void> store(UserGroups change) {
        return db.sql("""
                        INSERT INTO user_groups (user_id, groups, changed_at) VALUES (:user, :groups, :at)
                        ON CONFLICT (user_id) DO UPDATE SET groups = EXCLUDED.groups, changed_at = EXCLUDED.changed_at
                        WHERE user_groups.changed_at <= EXCLUDED.changed_at
                        """)
                .bind("user", change.userId())
                .bind("groups", change.groups().toArray(String[]::new))
                .bind("at", change.occurredAt())
                .then();
    }
}
