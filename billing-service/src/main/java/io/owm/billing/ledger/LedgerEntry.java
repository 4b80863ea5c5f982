package io.owm.billing.ledger;

import java.math.BigDecimal;

/**
 * One balance change to append.
 *
 * @param cause what caused it: the chat request key, or the admin request id
 * @param actor who did it, for admin changes; null for chat traffic
 */
public record LedgerEntry(
        String userId,
        BigDecimal amount,
        LedgerReason reason,
        String cause,
        String actor,
        String note) {

    public static LedgerEntry system(String userId, BigDecimal amount, LedgerReason reason, String cause) {
        return new LedgerEntry(userId, amount, reason, cause, null, null);
    }
}
