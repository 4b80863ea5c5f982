package io.owm.billing.admin;

import io.owm.billing.plan.GroupMemberships;
import io.owm.billing.plan.Plans;
import io.owm.contracts.Money;
import io.owm.support.r2dbc.Binder;
import io.r2dbc.spi.Row;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads users and their ledgers for the admin API. */
@Component
class UserDirectory {

    private static final String COLUMNS = "SELECT id, email, name, role, balance, blocked, created_at, plan FROM users";
    private static final String FILTER = """
             WHERE (CAST(:search AS TEXT) IS NULL OR name ILIKE :pattern OR email ILIKE :pattern OR id = :search)
               AND (CAST(:deleted AS BOOLEAN) IS NULL OR blocked = :deleted)
            """;

    private final DatabaseClient db;
    private final Plans plans;
    private final GroupMemberships memberships;

    UserDirectory(DatabaseClient db, Plans plans, GroupMemberships memberships) {
        this.db = db;
        this.plans = plans;
        this.memberships = memberships;
    }

    Mono<UserPage> list(UserListQuery query) {
        // The column and direction come from UserListQuery's fixed list, never from the request text.
        String sql = COLUMNS + FILTER
                + " ORDER BY " + query.sortColumn() + (query.descending() ? " DESC" : " ASC")
                + " NULLS LAST, id LIMIT :limit OFFSET :offset";
        PageRequest paging = query.paging();
        Mono<List<UserView>> users = filtered(sql, query)
                .bind("limit", paging.pageSize())
                .bind("offset", paging.offset())
                .spec()
                .map((row, metadata) -> Map.entry(toView(row), Optional.ofNullable(row.get("plan", String.class))))
                .all()
                .collectList()
                .flatMap(this::withPlans);
        Mono<Long> total = filtered("SELECT count(*) AS total FROM users" + FILTER, query).spec()
                .map(row -> row.get("total", Long.class))
                .one();
        return Mono.zip(users, total, (list, count) -> new UserPage(list, count, paging.page(), paging.pageSize()));
    }

    /** The user, or a 404. */
    Mono<UserView> find(String userId) {
        return db.sql(COLUMNS + " WHERE id = :id")
                .bind("id", userId)
                .map((row, metadata) -> Map.entry(toView(row), Optional.ofNullable(row.get("plan", String.class))))
                .all()
                .collectList()
                .flatMap(this::withPlans)
                .flatMap(found -> Mono.justOrEmpty(found.stream().findFirst()))
                .switchIfEmpty(Mono.error(() -> AdminApiException.unknownUser(userId)));
    }

    /** The user's ledger, newest first; a 404 for an unknown user rather than an empty page. */
    Mono<LedgerPage> ledger(String userId, PageRequest paging) {
        Mono<List<LedgerEntryView>> entries = db.sql("""
                        SELECT id, amount, balance_after, reason, cause, actor, note, created_at FROM ledger_entries
                        WHERE user_id = :id ORDER BY id DESC LIMIT :limit OFFSET :offset
                        """)
                .bind("id", userId)
                .bind("limit", paging.pageSize())
                .bind("offset", paging.offset())
                .map(row -> new LedgerEntryView(row.get("id", Long.class),
                        Money.plain(row.get("amount", BigDecimal.class)),
                        Money.plain(row.get("balance_after", BigDecimal.class)),
                        row.get("reason", String.class), row.get("cause", String.class),
                        row.get("actor", String.class), row.get("note", String.class),
                        row.get("created_at", OffsetDateTime.class)))
                .all()
                .collectList();
        Mono<Long> total = db.sql("SELECT count(*) AS total FROM ledger_entries WHERE user_id = :id")
                .bind("id", userId)
                .map(row -> row.get("total", Long.class))
                .one();
        return find(userId).then(Mono.zip(entries, total,
                (list, count) -> new LedgerPage(list, count, paging.page(), paging.pageSize())));
    }

    /** The users with the plan each is on (own plan, group, role or default), from one read of the plans. */
    private Mono<List<UserView>> withPlans(List<Map.Entry<UserView, Optional<String>>> users) {
        if (users.isEmpty()) {
            return Mono.just(List.of());
        }
        return Mono.zip(plans.book(), memberships.find(users.stream().map(user -> user.getKey().id()).toList()))
                .map(found -> users.stream().map(user -> user.getKey().withPlan(found.getT1().assignmentOf(
                                user.getValue().orElse(null), found.getT2().getOrDefault(user.getKey().id(), List.of()),
                                user.getKey().role())))
                        .toList());
    }

    private static UserView toView(Row row) {
        return new UserView(row.get("id", String.class), row.get("email", String.class),
                row.get("name", String.class), row.get("role", String.class),
                Money.plain(row.get("balance", BigDecimal.class)),
                Boolean.TRUE.equals(row.get("blocked", Boolean.class)),
                row.get("created_at", OffsetDateTime.class), null, null);
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
