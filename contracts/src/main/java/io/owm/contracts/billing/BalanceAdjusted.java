package io.owm.contracts.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An administrator, an import or a plan's allowance changed a balance.
 *
 * @param reason the ledger reason: {@code ADMIN_SET}, {@code ADJUSTMENT}, {@code IMPORT} or {@code ALLOWANCE}
 * @param actor  who did it, as the admin API knows them
 * @param lowBalanceThreshold the balance below which the user is warned, when billing knew it (grants); null
 *               otherwise, and analytics applies {@code LOW_BALANCE_THRESHOLD}
 * @param plan   for an {@code ALLOWANCE}: the plan that granted it; null otherwise
 */
public record BalanceAdjusted(
        UUID eventId,
        Instant occurredAt,
        String userId,
        BigDecimal amount,
        BigDecimal newBalance,
        String reason,
        String note,
        String actor,
        BigDecimal lowBalanceThreshold,
        String plan) implements BillingEvent {

    public static final String TYPE = "BalanceAdjusted";

    /** An adjustment without the user's threshold. */
    public BalanceAdjusted(UUID eventId, Instant occurredAt, String userId, BigDecimal amount, BigDecimal newBalance,
            String reason, String note, String actor) {
        this(eventId, occurredAt, userId, amount, newBalance, reason, note, actor, null, null);
    }
}
