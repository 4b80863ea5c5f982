package io.owm.billing.plan;

import io.owm.support.r2dbc.Binder;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The plans and their assignments ({@code plans}, {@code plan_assignments}, {@code users.plan}). */
@Component
public class Plans {

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final GroupMemberships memberships;

    Plans(DatabaseClient db, TransactionalOperator transaction, GroupMemberships memberships) {
        this.db = db;
        this.memberships = memberships;
        this.transaction = transaction;
    }

    /** Every plan and assignment, read in the caller's transaction (a batch reads it with its other look-ups). */
    public Mono<PlanBook> book() {
        Mono<Map<String, Plan>> plans = all().collectMap(Plan::name);
        Mono<List<Map.Entry<String[], String>>> assignments = db.sql("SELECT kind, key, plan FROM plan_assignments")
                .map(row -> Map.entry(new String[] {row.get("kind", String.class), row.get("key", String.class)},
                        row.get("plan", String.class)))
                .all().collectList();
        return Mono.zip(plans, assignments).map(found -> {
            Map<String, String> groups = new TreeMap<>();
            Map<String, String> roles = new TreeMap<>();
            String defaultPlan = null;
            for (Map.Entry<String[], String> assignment : found.getT2()) {
                switch (assignment.getKey()[0]) {
                    case "group" -> groups.put(assignment.getKey()[1], assignment.getValue());
                    case "role" -> roles.put(assignment.getKey()[1], assignment.getValue());
                    default -> defaultPlan = assignment.getValue();
                }
            }
            return new PlanBook(found.getT1(), groups, roles, defaultPlan);
        });
    }

    public Flux<Plan> all() {
        return db.sql("SELECT * FROM plans ORDER BY name").map(Plans::plan).all();
    }

    public Mono<Plan> put(Plan plan, Instant at) {
        Plan.SpendCap cap = plan.spendCap();
        Plan.MessageLimit limit = plan.messageLimit();
        return Binder.of(db.sql("""
                        INSERT INTO plans (name, amount, period, mode, timezone, spend_cap, spend_cap_period,
                                           message_limit, message_limit_window, low_balance_threshold,
                                           updated_at)
                        VALUES (:name, :amount, :period, :mode, :timezone, :spendCap, :spendCapPeriod,
                                :messageLimit, :messageLimitWindow, :lowBalanceThreshold, :at)
                        ON CONFLICT (name) DO UPDATE SET amount = EXCLUDED.amount, period = EXCLUDED.period,
                            mode = EXCLUDED.mode, timezone = EXCLUDED.timezone, spend_cap = EXCLUDED.spend_cap,
                            spend_cap_period = EXCLUDED.spend_cap_period, message_limit = EXCLUDED.message_limit,
                            message_limit_window = EXCLUDED.message_limit_window,
                            low_balance_threshold = EXCLUDED.low_balance_threshold, updated_at = EXCLUDED.updated_at
                        """))
                .bind("name", plan.name())
                .bind("amount", plan.amount())
                .bind("period", plan.period().id())
                .bind("mode", plan.mode().id())
                .bind("timezone", plan.zone().getId())
                .bindNullable("spendCap", cap == null ? null : cap.amount(), BigDecimal.class)
                .bindNullable("spendCapPeriod", cap == null ? null : cap.period().id(), String.class)
                .bindNullable("messageLimit", limit == null ? null : limit.count(), Integer.class)
                .bindNullable("messageLimitWindow", limit == null ? null : limit.window().id(), String.class)
                .bindNullable("lowBalanceThreshold", plan.lowBalanceThreshold(), BigDecimal.class)
                .bind("at", at)
                .spec()
                .then()
                .thenReturn(plan);
    }

    /** Deletes a plan; its assignments go with it, and its users fall back to their role's or the default plan. */
    public Mono<Boolean> delete(String name) {
        return db.sql("DELETE FROM plans WHERE name = :name").bind("name", name).fetch().rowsUpdated()
                .map(deleted -> deleted > 0);
    }

    /** Replaces the group and role assignments and the default plan, in one transaction. */
    public Mono<Void> assign(Map<String, String> groups, Map<String, String> roles, String defaultPlan) {
        Mono<Void> clear = db.sql("DELETE FROM plan_assignments").then();
        Mono<Void> byDefault = defaultPlan == null ? Mono.empty() : assignOne("default", "", defaultPlan);
        return clear
                .then(Flux.fromIterable(groups.entrySet())
                        .concatMap(group -> assignOne("group", group.getKey(), group.getValue())).then())
                .then(Flux.fromIterable(roles.entrySet())
                        .concatMap(role -> assignOne("role", role.getKey(), role.getValue())).then())
                .then(byDefault)
                .as(transaction::transactional);
    }

    private Mono<Void> assignOne(String kind, String key, String plan) {
        return db.sql("INSERT INTO plan_assignments (kind, key, plan) VALUES (:kind, :key, :plan)")
                .bind("kind", kind).bind("key", key).bind("plan", plan).then();
    }

    /** Sets a user's own plan (null: none of its own); false when the user is unknown. */
    public Mono<Boolean> setUserPlan(String userId, String plan) {
        return Binder.of(db.sql("UPDATE users SET plan = :plan WHERE id = :id"))
                .bindNullable("plan", plan, String.class)
                .bind("id", userId)
                .spec()
                .fetch().rowsUpdated()
                .map(updated -> updated > 0);
    }

    /**
     * The unblocked users a plan applies to, in id order, by the same precedence as a chat's ({@link PlanBook}):
     * every known user is read and the rule applied here rather than repeated in SQL.
     */
    public Flux<String> usersOn(Plan plan, PlanBook book) {
        return memberships.all().collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .flatMapMany(groups -> db.sql("SELECT id, role, plan FROM users WHERE NOT blocked ORDER BY id")
                        .map(row -> {
                            String id = row.get("id", String.class);
                            Plan applies = book.planOf(row.get("plan", String.class),
                                    groups.getOrDefault(id, List.of()), row.get("role", String.class));
                            return applies != null && applies.name().equals(plan.name()) ? id : "";
                        })
                        .all()
                        .filter(id -> !id.isEmpty()));
    }

    private static Plan plan(Readable row) {
        BigDecimal cap = row.get("spend_cap", BigDecimal.class);
        Integer limit = row.get("message_limit", Integer.class);
        return new Plan(row.get("name", String.class), row.get("amount", BigDecimal.class),
                Period.of(row.get("period", String.class)), AllowanceMode.of(row.get("mode", String.class)),
                ZoneId.of(row.get("timezone", String.class)),
                cap == null ? null : new Plan.SpendCap(cap, Period.of(row.get("spend_cap_period", String.class))),
                limit == null ? null
                        : new Plan.MessageLimit(limit, Period.of(row.get("message_limit_window", String.class))),
                row.get("low_balance_threshold", BigDecimal.class));
    }
}
