package io.owm.billing.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plans' rules applied to one batch, in memory, from what the batch read under its users' locks: which
 * periods each user was granted and what each used in its limits' windows. Like the rest of a batch it does no
 * I/O; what it changed is written with the batch.
 */
public final class Allowances {

    private static final DateTimeFormatter RENEWS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final PlanBook book;
    private final Map<String, List<String>> userGroups;
    /** The latest period start granted per user and plan. */
    private final Map<String, Instant> latestGranted = new HashMap<>();
    private final Map<UsageWindows.Key, UsageWindows.Usage> usage;
    private final List<Grant> newGrants = new ArrayList<>();
    private final Map<UsageWindows.Key, UsageWindows.Usage> changedUsage = new LinkedHashMap<>();

    public Allowances(PlanBook book, Map<String, List<String>> userGroups, List<Grant> granted,
            Map<UsageWindows.Key, UsageWindows.Usage> usage) {
        this.book = book;
        this.userGroups = userGroups;
        granted.forEach(this::remember);
        this.usage = new HashMap<>(usage);
    }

    /**
     * A period's allowance given to a user: {@code amount} may be zero (a top-up over the amount) or negative (a
     * reset below what was left).
     */
    public record Grant(String userId, String plan, String period, Instant periodStart, BigDecimal amount) {

        /** The ledger entry's cause, e.g. {@code basic:2026-12}. */
        public String cause() {
            return plan + ":" + period;
        }
    }

    /** Why a chat may not start ({@code spend_cap} or {@code message_limit}, and in words), and when it renews. */
    public record Refusal(String reason, String message, Instant renewsAt) {
    }

    /** The plan of a user with this own plan and role, in the groups the batch read for it. */
    public Plan planOf(String userId, String ownPlan, String role) {
        return book.planOf(ownPlan, userGroups.getOrDefault(userId, List.of()), role);
    }

    /**
     * The allowance due to this user at {@code at} with this balance, recorded as granted; empty when the period
     * was granted already, or is older than one granted (a late event never grants a past period again).
     */
    public Optional<Grant> grantDue(String userId, Plan plan, Instant at, BigDecimal balance) {
        if (plan == null) {
            return Optional.empty();
        }
        Instant start = plan.period().startOf(at, plan.zone()).toInstant();
        Instant latest = latestGranted.get(userId + "\n" + plan.name());
        if (latest != null && !start.isAfter(latest)) {
            return Optional.empty();
        }
        Grant grant = new Grant(userId, plan.name(), plan.period().keyOf(at, plan.zone()), start,
                plan.grantFor(balance));
        remember(grant);
        newGrants.add(grant);
        return Optional.of(grant);
    }

    /** Refuses a chat over a limit of the plan; otherwise counts it against the message limit. */
    public Optional<Refusal> admit(String userId, Plan plan, Instant at) {
        if (plan == null) {
            return Optional.empty();
        }
        if (plan.spendCap() != null) {
            Plan.SpendCap cap = plan.spendCap();
            UsageWindows.Key key = UsageWindows.Key.of(userId, cap.period(), at, plan.zone());
            if (usageAt(key, cap.period(), at, plan).spend().compareTo(cap.amount()) >= 0) {
                return Optional.of(refusal("spend_cap", cap.period(), "$" + cap.amount()
                        .setScale(2, RoundingMode.UP).toPlainString(), plan, at));
            }
        }
        if (plan.messageLimit() != null) {
            Plan.MessageLimit limit = plan.messageLimit();
            UsageWindows.Key key = UsageWindows.Key.of(userId, limit.window(), at, plan.zone());
            UsageWindows.Usage used = usageAt(key, limit.window(), at, plan);
            if (used.messages() >= limit.count()) {
                return Optional.of(refusal("message_limit", limit.window(),
                        limit.count() + (limit.count() == 1 ? " chat" : " chats"), plan, at));
            }
            change(key, used.plusMessage());
        }
        return Optional.empty();
    }

    /** Counts a charge against the plan's spend cap. */
    public void spent(String userId, Plan plan, Instant at, BigDecimal cost) {
        if (plan == null || plan.spendCap() == null || cost.signum() == 0) {
            return;
        }
        Period period = plan.spendCap().period();
        UsageWindows.Key key = UsageWindows.Key.of(userId, period, at, plan.zone());
        change(key, usageAt(key, period, at, plan).plusSpend(cost));
    }

    public List<Grant> newGrants() {
        return newGrants;
    }

    public Map<UsageWindows.Key, UsageWindows.Usage> changedUsage() {
        return changedUsage;
    }

    private Refusal refusal(String reason, Period window, String limit, Plan plan, Instant at) {
        ZonedDateTime renews = window.nextStart(at, plan.zone());
        String every = switch (window) {
            case HOUR -> "Hourly";
            case DAY -> "Daily";
            case WEEK -> "Weekly";
            case MONTH -> "Monthly";
        };
        String message = "%s limit of %s reached; renews at %s %s".formatted(every, limit, RENEWS.format(renews),
                plan.zone().getId());
        return new Refusal(reason, message, renews.toInstant());
    }

    private UsageWindows.Usage usageAt(UsageWindows.Key key, Period period, Instant at, Plan plan) {
        UsageWindows.Usage used = usage.get(key);
        return used != null ? used : UsageWindows.Usage.none(period, at, plan.zone());
    }

    private void change(UsageWindows.Key key, UsageWindows.Usage now) {
        usage.put(key, now);
        changedUsage.put(key, now);
    }

    private void remember(Grant grant) {
        latestGranted.merge(grant.userId() + "\n" + grant.plan(), grant.periodStart(),
                (a, b) -> a.isAfter(b) ? a : b);
    }
}
