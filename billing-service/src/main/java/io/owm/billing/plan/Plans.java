package io.owm.billing.plan;

import io.owm.billing.support.CombinedRead;
import io.owm.billing.support.JsonRow;
import io.owm.support.r2dbc.Binder;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The plans and their assignments ({@code plans}, {@code plan_assignments}, {@code users.plan}). */
@Component
public class Plans {

    private static final String PLANS = """
            SELECT name, amount::text AS amount, period, mode, timezone, spend_cap::text AS spend_cap,
                   spend_cap_period, message_limit, message_limit_window,
                   low_balance_threshold::text AS low_balance_threshold
            FROM plans
            """;

    private static final String ASSIGNMENTS = "SELECT kind, key, plan FROM plan_assignments";

    private final DatabaseClient db;
    private final JsonMapper json;
    private final TransactionalOperator transaction;
    private final GroupMemberships memberships;

    Plans(DatabaseClient db, JsonMapper json, TransactionalOperator transaction, GroupMemberships memberships) {
        this.db = db;
        this.json = json;
        this.memberships = memberships;
        this.transaction = transaction;
    }

    /** Every plan and assignment, read in the caller's transaction. */
    public Mono<PlanBook> book() {
        CombinedRead read = new CombinedRead();
        CombinedRead.Part<PlanBook> book = book(read);
        return read.execute(db, json).map(found -> found.of(book));
    }

    /** Adds to {@code read} every plan and assignment (a batch reads them with its other look-ups). */
    public CombinedRead.Part<PlanBook> book(CombinedRead read) {
        CombinedRead.Part<Map<String, Plan>> plans = read.add(PLANS, Map.of(),
                rows -> rows.stream().map(Plans::plan).collect(Collectors.toMap(Plan::name, plan -> plan)));
        CombinedRead.Part<List<JsonRow>> assignments = read.add(ASSIGNMENTS, Map.of(), rows -> rows);
        return plans.with(assignments, (byName, assigned) -> {
            Map<String, String> groups = new TreeMap<>();
            Map<String, String> roles = new TreeMap<>();
            String defaultPlan = null;
            for (JsonRow assignment : assigned) {
                switch (assignment.string("kind")) {
                    case "group" -> groups.put(assignment.string("key"), assignment.string("plan"));
                    case "role" -> roles.put(assignment.string("key"), assignment.string("plan"));
                    default -> defaultPlan = assignment.string("plan");
                }
            }
            return new PlanBook(byName, groups, roles, defaultPlan);
        });
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

    private static Plan plan(JsonRow row) {
        BigDecimal cap = row.decimal("spend_cap");
        Integer limit = row.intValue("message_limit");
        return new Plan(row.string("name"), row.decimal("amount"), Period.of(row.string("period")),
                AllowanceMode.of(row.string("mode")), ZoneId.of(row.string("timezone")),
                cap == null ? null : new Plan.SpendCap(cap, Period.of(row.string("spend_cap_period"))),
                limit == null ? null : new Plan.MessageLimit(limit, Period.of(row.string("message_limit_window"))),
                row.decimal("low_balance_threshold"));
    }
}
