package io.owm.billing.ledger;

import java.math.BigDecimal;

/** A chat traffic entry whose balance after was computed from the locked balance, ready to be written. */
public record PlannedEntry(String userId, BigDecimal amount, BigDecimal balanceAfter, LedgerReason reason,
        String cause) {
}
