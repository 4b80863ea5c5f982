package io.owm.billing.admin;

import io.owm.billing.support.Binder;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads users for the admin API. */
@Component
class UserDirectory {

    private static final String FILTER = """
             WHERE (CAST(:search AS TEXT) IS NULL OR name ILIKE :pattern OR email ILIKE :pattern OR id = :search)
               AND (CAST(:deleted AS BOOLEAN) IS NULL OR blocked = :deleted)
            """;

    private final DatabaseClient db;

    UserDirectory(DatabaseClient db) {
        this.db = db;
    }

    Mono<UserPage> list(UserListQuery query) {
        // The column and direction come from UserListQuery's fixed list, never from the request text.
        String sql = "SELECT id, email, name, role, balance, blocked, created_at FROM users" + FILTER
                + " ORDER BY " + query.sortColumn() + (query.descending() ? " DESC" : " ASC")
                + " NULLS LAST, id LIMIT :limit OFFSET :offset";
        Mono<java.util.List<UserView>> users = filtered(sql, query)
                .bind("limit", query.pageSize())
                .bind("offset", query.offset())
                .spec()
                .map(row -> new UserView(row.get("id", String.class), row.get("email", String.class),
                        row.get("name", String.class), row.get("role", String.class),
                        row.get("balance", BigDecimal.class).stripTrailingZeros(),
                        Boolean.TRUE.equals(row.get("blocked", Boolean.class)),
                        row.get("created_at", OffsetDateTime.class)))
                .all()
                .collectList();
        Mono<Long> total = filtered("SELECT count(*) AS total FROM users" + FILTER, query).spec()
                .map(row -> row.get("total", Long.class))
                .one();
        return Mono.zip(users, total, (list, count) -> new UserPage(list, count, query.page(), query.pageSize()));
    }

    private Binder filtered(String sql, UserListQuery query) {
        return Binder.of(db.sql(sql))
                .bindNullable("search", query.search(), String.class)
                .bindNullable("pattern", query.search() == null ? null : "%" + escapeLike(query.search()) + "%",
                        String.class)
                .bindNullable("deleted", query.deleted(), Boolean.class);
    }

    private static String escapeLike(String term) {
        return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
