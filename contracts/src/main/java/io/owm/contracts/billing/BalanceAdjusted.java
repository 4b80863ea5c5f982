package io.owm.contracts.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An administrator or an import changed a balance.
 *
 * @param reason the ledger reason: {@code ADMIN_SET}, {@code ADJUSTMENT} or {@code IMPORT}
 * @param actor  who did it, as the admin API knows them
 */
public record BalanceAdjusted(
        UUID eventId,
        Instant occurredAt,
        String userId,
        BigDecimal amount,
        BigDecimal newBalance,
        String reason,
        String note,
        String actor) implements BillingEvent {

    public static final String TYPE = "BalanceAdjusted";
}
