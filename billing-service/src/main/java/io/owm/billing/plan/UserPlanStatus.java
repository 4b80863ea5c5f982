package io.owm.billing.plan;

import io.owm.contracts.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Where a user stands on its plan, for the console: which plan applies and why, the current period and whether it
 * was granted, what the user spent in it, and how much of each limit is used. Read without locks: a view, not a
 * decision (limits are decided by chat batches under the user's lock).
 */
@Component
class UserPlanStatus {

    private final DatabaseClient db;
    private final Plans plans;
    private final GroupMemberships memberships;
    private final UsageWindows usage;

    UserPlanStatus(DatabaseClient db, Plans plans, GroupMemberships memberships, UsageWindows usage) {
        this.db = db;
        this.plans = plans;
        this.memberships = memberships;
        this.usage = usage;
    }

    /** The status at {@code at}; empty for an unknown user. */
    Mono<Map<String, Object>> of(String userId, Instant at) {
        Mono<Map<String, Object>> user = db.sql("SELECT id, role, plan FROM users WHERE id = :id").bind("id", userId)
                .map(row -> {
                    Map<String, Object> found = new LinkedHashMap<>();
                    found.put("role", row.get("role", String.class));
                    found.put("plan", row.get("plan", String.class));
                    return found;
                })
                .one();
        return Mono.zip(user, plans.book(), memberships.find(List.of(userId)))
                .flatMap(found -> {
                    List<String> groups = found.getT3().getOrDefault(userId, List.of());
                    PlanBook.Assignment assignment = found.getT2().assignmentOf((String) found.getT1().get("plan"),
                            groups, (String) found.getT1().get("role"));
                    Map<String, Object> status = new LinkedHashMap<>();
                    status.put("user", userId);
                    status.put("groups", groups);
                    status.put("plan", assignment.plan() == null ? null : assignment.plan().name());
                    status.put("source", assignment.source());
                    status.put("group", assignment.group());
                    if (assignment.plan() == null) {
                        return Mono.just(status);
                    }
                    return periodOf(userId, assignment.plan(), at, status);
                });
    }

    private Mono<Map<String, Object>> periodOf(String userId, Plan plan, Instant at, Map<String, Object> status) {
        Period period = plan.period();
        Instant start = period.startOf(at, plan.zone()).toInstant();
        String key = period.keyOf(at, plan.zone());
        status.put("period", key);
        status.put("periodStart", start.toString());
        status.put("renewsAt", period.nextStart(at, plan.zone()).toInstant().toString());
        Mono<Boolean> granted = db.sql("""
                        SELECT 1 FROM allowance_grants WHERE user_id = :id AND plan = :plan AND period = :period
                        """)
                .bind("id", userId).bind("plan", plan.name()).bind("period", key)
                .fetch().first().hasElement();
        // Spend is what replies cost (CHARGE), holds not counted until their outlet settles them.
        Mono<BigDecimal> spent = db.sql("""
                        SELECT COALESCE(-SUM(amount), 0) AS spent FROM ledger_entries
                        WHERE user_id = :id AND reason = 'CHARGE' AND created_at >= :start
                        """)
                .bind("id", userId).bind("start", start)
                .map(row -> row.get("spent", BigDecimal.class)).one();
        // Every limit window is shorter than a month.
        Mono<Map<UsageWindows.Key, UsageWindows.Usage>> windows = usage.find(List.of(userId),
                at.minus(Duration.ofDays(32)));
        return Mono.zip(granted, spent, windows).map(found -> {
            status.put("granted", found.getT1());
            status.put("spent", Money.plain(found.getT2()));
            Map<UsageWindows.Key, UsageWindows.Usage> used = found.getT3();
            if (plan.spendCap() != null) {
                Plan.SpendCap cap = plan.spendCap();
                UsageWindows.Usage window = used.get(UsageWindows.Key.of(userId, cap.period(), at, plan.zone()));
                status.put("spendCap", Map.of("amount", Money.plain(cap.amount()), "period", cap.period().id(),
                        "spent", Money.plain(window == null ? BigDecimal.ZERO : window.spend()),
                        "renewsAt", cap.period().nextStart(at, plan.zone()).toInstant().toString()));
            }
            if (plan.messageLimit() != null) {
                Plan.MessageLimit limit = plan.messageLimit();
                UsageWindows.Usage window = used.get(UsageWindows.Key.of(userId, limit.window(), at, plan.zone()));
                status.put("messageLimit", Map.of("count", limit.count(), "window", limit.window().id(),
                        "used", window == null ? 0 : window.messages(),
                        "renewsAt", limit.window().nextStart(at, plan.zone()).toInstant().toString()));
            }
            return status;
        });
    }
}
