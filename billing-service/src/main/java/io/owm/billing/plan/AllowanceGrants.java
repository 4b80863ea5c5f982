package io.owm.billing.plan;

import io.owm.billing.ledger.Ledger;
import io.owm.billing.ledger.LedgerEntry;
import io.owm.billing.ledger.LedgerReason;
import io.owm.billing.support.CombinedRead;
import io.owm.billing.support.CombinedWrite;
import io.owm.contracts.billing.BalanceAdjusted;
import io.owm.contracts.billing.BillingEvent;
import io.owm.support.outbox.Outbox;
import io.owm.support.outbox.OutboxRelay;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The grants of allowances ({@code allowance_grants}): read and written by chat batches for the users they lock,
 * and made on an admin's request for a whole plan and period. Either way the user's row is locked while the grant
 * is checked and written, and the primary key (user, plan, period) stands behind it: a period is granted once.
 */
@Component
public class AllowanceGrants {

    /** Who grants on an admin's request, in the ledger and the event. */
    static final String ACTOR = "plans";

    private final DatabaseClient db;
    private final Ledger ledger;
    private final Outbox<BillingEvent> outbox;
    private final OutboxRelay<BillingEvent> relay;
    private final TransactionalOperator transaction;
    private final Clock clock;

    AllowanceGrants(DatabaseClient db, Ledger ledger, Outbox<BillingEvent> outbox, OutboxRelay<BillingEvent> relay,
            TransactionalOperator transaction, Clock clock) {
        this.db = db;
        this.ledger = ledger;
        this.outbox = outbox;
        this.relay = relay;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Adds to {@code read} these users' grants of periods that began at or after {@code since}. */
    public CombinedRead.Part<List<Allowances.Grant>> find(CombinedRead read, Collection<String> users,
            Instant since) {
        return read.add("""
                        SELECT user_id, plan, period, period_start, amount::text AS amount FROM allowance_grants
                        WHERE user_id = ANY(CAST(:users AS text[])) AND period_start >= :since
                        """,
                Map.of("users", users.toArray(String[]::new), "since", since),
                rows -> rows.stream().map(row -> new Allowances.Grant(row.string("user_id"), row.string("plan"),
                        row.string("period"), row.instant("period_start"), row.decimal("amount"))).toList());
    }

    /** Writes a batch's grants (their ledger entries go with the batch's other entries). */
    public void record(CombinedWrite write, List<Allowances.Grant> grants, Instant at) {
        if (grants.isEmpty()) {
            return;
        }
        write.add("""
                INSERT INTO allowance_grants (user_id, plan, period, period_start, amount, granted_at)
                SELECT g.*, CAST(:at AS timestamptz)
                FROM unnest(CAST(:grantUsers AS text[]), CAST(:grantPlans AS text[]), CAST(:grantPeriods AS text[]),
                            CAST(:grantStarts AS timestamptz[]), CAST(:grantAmounts AS numeric[])) AS g
                """, Map.of(
                "at", at,
                "grantUsers", grants.stream().map(Allowances.Grant::userId).toArray(String[]::new),
                "grantPlans", grants.stream().map(Allowances.Grant::plan).toArray(String[]::new),
                "grantPeriods", grants.stream().map(Allowances.Grant::period).toArray(String[]::new),
                "grantStarts", grants.stream().map(Allowances.Grant::periodStart).toArray(Instant[]::new),
                "grantAmounts", grants.stream().map(Allowances.Grant::amount).toArray(BigDecimal[]::new)));
    }

    /**
     * Grants a plan's period to every user on the plan who was not granted it yet, one user per transaction;
     * answers how many were granted now. A second call grants nobody.
     */
    public Mono<Integer> grantPeriod(Plan plan, PlanBook book, String period, Plans plans) {
        Instant start = plan.period().startOfKey(period, plan.zone()).toInstant();
        return plans.usersOn(plan, book)
                .concatMap(user -> grantOne(user, plan, period, start).as(transaction::transactional))
                .filter(Boolean::booleanValue)
                .count()
                .map(Long::intValue)
                .flatMap(granted -> granted == 0 ? Mono.just(0) : relay.publishSoon().thenReturn(granted));
    }

    private Mono<Boolean> grantOne(String userId, Plan plan, String period, Instant start) {
        Instant at = clock.instant();
        return db.sql("SELECT balance FROM users WHERE id = :id FOR UPDATE")
                .bind("id", userId)
                .map(row -> row.get("balance", BigDecimal.class))
                .one()
                .flatMap(balance -> {
                    BigDecimal amount = plan.grantFor(balance);
                    return db.sql("""
                                    INSERT INTO allowance_grants (user_id, plan, period, period_start, amount,
                                                                  granted_at)
                                    VALUES (:user, :plan, :period, :start, :amount, :at)
                                    ON CONFLICT DO NOTHING
                                    """)
                            .bind("user", userId).bind("plan", plan.name()).bind("period", period)
                            .bind("start", start).bind("amount", amount).bind("at", at)
                            .fetch().rowsUpdated()
                            .flatMap(inserted -> inserted == 0 ? Mono.just(false)
                                    : bookGrant(userId, plan, period, amount, at).thenReturn(true));
                });
    }

    /** The grant's ledger entry and its {@code BalanceAdjusted}, unless it changes nothing. */
    private Mono<Void> bookGrant(String userId, Plan plan, String period, BigDecimal amount, Instant at) {
        if (amount.signum() == 0) {
            return Mono.empty();
        }
        String cause = plan.name() + ":" + period;
        return ledger.append(new LedgerEntry(userId, amount, LedgerReason.ALLOWANCE, cause, ACTOR,
                        "allowance " + cause), at)
                .flatMap(balance -> outbox.add(new BalanceAdjusted(UUID.randomUUID(), at, userId, amount, balance,
                        LedgerReason.ALLOWANCE.name(), "allowance " + cause, ACTOR, null, plan.name())));
    }
}
