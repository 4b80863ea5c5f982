package io.owm.billing.admin;

import io.owm.billing.BillingProperties;
import io.owm.billing.ledger.Ledger;
import io.owm.billing.ledger.LedgerEntry;
import io.owm.billing.ledger.LedgerReason;
import io.owm.contracts.billing.BalanceAdjusted;
import io.owm.contracts.billing.BillingEvent;
import io.owm.contracts.billing.UserBlocked;
import io.owm.contracts.billing.UserUnblocked;
import io.owm.support.outbox.Outbox;
import io.owm.support.outbox.OutboxRelay;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The admin API's changes: set a balance, add or subtract an amount, block or restore a user. Each runs in one
 * transaction with the user's row locked (so it serializes with chat charges of that user), appends its ledger
 * entry and stores its fact in the outbox; the fact is published right after the commit.
 */
@Component
class AccountAdministration {

    private final DatabaseClient db;
    private final Ledger ledger;
    private final Outbox<BillingEvent> outbox;
    private final OutboxRelay<BillingEvent> relay;
    private final TransactionalOperator transaction;
    private final Clock clock;
    private final BigDecimal maxBalance;

    AccountAdministration(DatabaseClient db, Ledger ledger, Outbox<BillingEvent> outbox,
            OutboxRelay<BillingEvent> relay, TransactionalOperator transaction, Clock clock,
            BillingProperties properties) {
        this.db = db;
        this.ledger = ledger;
        this.outbox = outbox;
        this.relay = relay;
        this.transaction = transaction;
        this.clock = clock;
        this.maxBalance = properties.maxBalance();
    }

    /** Sets the balance to {@code target} (an {@code ADMIN_SET} entry of the difference). */
    Mono<AppliedChange> setBalance(String userId, BigDecimal target, AdminContext context) {
        if (target.signum() < 0 || target.compareTo(maxBalance) > 0) {
            throw AdminApiException.outOfRange("balance must be between 0 and " + maxBalance.toPlainString());
        }
        return change(userId, context, LedgerReason.ADMIN_SET, null,
                current -> target.subtract(current),
                earlier -> earlier.balanceAfter().compareTo(target) == 0);
    }

    /**
     * Adds {@code amount} (a top-up) or subtracts it when negative (a deduction). The balance may go below zero,
     * a debt the user's next top-up pays, but never beyond the limit either way.
     */
    Mono<AppliedChange> adjust(String userId, BigDecimal amount, String note, AdminContext context) {
        if (amount.signum() == 0) {
            throw AdminApiException.badRequest("amount must not be zero");
        }
        if (amount.abs().compareTo(maxBalance) > 0) {
            throw AdminApiException.outOfRange("amount must be between -" + maxBalance.toPlainString() + " and "
                    + maxBalance.toPlainString());
        }
        return change(userId, context, LedgerReason.ADJUSTMENT, note,
                current -> amount,
                earlier -> earlier.amount().compareTo(amount) == 0);
    }

    Mono<Void> setBlocked(String userId, boolean blocked, AdminContext context) {
        Instant at = clock.instant();
        Mono<Boolean> changed = db.sql("""
                        UPDATE users SET blocked = :blocked, updated_at = :at
                        WHERE id = :id AND blocked <> :blocked RETURNING id
                        """)
                .bind("blocked", blocked)
                .bind("at", at)
                .bind("id", userId)
                .map(row -> true)
                .one()
                .flatMap(updated -> outbox.add(blocked
                                ? new UserBlocked(UUID.randomUUID(), at, userId, context.actor())
                                : new UserUnblocked(UUID.randomUUID(), at, userId, context.actor()))
                        .thenReturn(true))
                // Already in the asked state: nothing to record, but the user must exist.
                .switchIfEmpty(Mono.defer(() -> lockBalance(userId).thenReturn(false)));
        return changed.as(transaction::transactional)
                .flatMap(published -> published ? relay.publishSoon() : Mono.empty());
    }

    private Mono<AppliedChange> change(String userId, AdminContext context, LedgerReason reason, String note,
            UnaryOperator<BigDecimal> amountFrom,
            Predicate<EarlierChange> sameRequest) {
        String cause = "admin:" + (context.idempotencyKey() == null ? UUID.randomUUID() : context.idempotencyKey());
        Instant at = clock.instant();
        Mono<AppliedChange> applied = lockBalance(userId)
                .flatMap(current -> earlierChange(cause)
                        .map(earlier -> replay(earlier, userId, context, sameRequest))
                        .switchIfEmpty(Mono.defer(() -> apply(userId, current, amountFrom.apply(current), reason,
                                cause, note, context, at))));
        return applied.as(transaction::transactional)
                .flatMap(change -> change.replayed() || change.amount().signum() == 0
                        ? Mono.just(change)
                        : relay.publishSoon().thenReturn(change));
    }

    private Mono<AppliedChange> apply(String userId, BigDecimal current, BigDecimal amount, LedgerReason reason,
            String cause, String note, AdminContext context, Instant at) {
        BigDecimal after = current.add(amount);
        if (after.abs().compareTo(maxBalance) > 0) {
            return Mono.error(AdminApiException.outOfRange("The balance would be " + after.toPlainString()
                    + ", beyond the limit of " + maxBalance.toPlainString()));
        }
        if (amount.signum() == 0) {
            // Setting the balance it already has: nothing to record.
            return Mono.just(new AppliedChange(BigDecimal.ZERO, current, note, false));
        }
        BillingEvent fact = new BalanceAdjusted(UUID.randomUUID(), at, userId, amount, after, reason.name(), note,
                context.actor());
        return ledger.append(new LedgerEntry(userId, amount, reason, cause, context.actor(), note), at)
                .flatMap(balance -> outbox.add(fact)
                        .thenReturn(new AppliedChange(amount, balance, note, false)));
    }

    private static AppliedChange replay(EarlierChange earlier, String userId, AdminContext context,
            Predicate<EarlierChange> sameRequest) {
        if (!earlier.userId().equals(userId) || !sameRequest.test(earlier)) {
            throw AdminApiException.idempotencyKeyReused(context.idempotencyKey());
        }
        return new AppliedChange(earlier.amount(), earlier.balanceAfter(), earlier.note(), true);
    }

    /** Locks the user's row for this transaction and answers the balance; unknown users are a 404. */
    private Mono<BigDecimal> lockBalance(String userId) {
        return db.sql("SELECT balance FROM users WHERE id = :id FOR UPDATE")
                .bind("id", userId)
                .map(row -> row.get("balance", BigDecimal.class))
                .one()
                .switchIfEmpty(Mono.error(() -> AdminApiException.unknownUser(userId)));
    }

    private Mono<EarlierChange> earlierChange(String cause) {
        return db.sql("""
                        SELECT user_id, amount, balance_after, note FROM ledger_entries
                        WHERE cause = :cause AND reason IN ('ADMIN_SET', 'ADJUSTMENT')
                        """)
                .bind("cause", cause)
                .map(row -> new EarlierChange(row.get("user_id", String.class), row.get("amount", BigDecimal.class),
                        row.get("balance_after", BigDecimal.class), row.get("note", String.class)))
                .one();
    }

    /** What a balance change did; {@code replayed} when an earlier request with the same key did it. */
    record AppliedChange(BigDecimal amount, BigDecimal balanceAfter, String note, boolean replayed) {
    }

    private record EarlierChange(String userId, BigDecimal amount, BigDecimal balanceAfter, String note) {
    }
}
