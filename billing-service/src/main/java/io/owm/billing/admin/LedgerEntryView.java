package io.owm.billing.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * One ledger entry as the admin API shows it.
 *
 * @param cause the chat request key, or {@code admin:<id>} for an admin change
 * @param actor who made an admin change; null for chat traffic
 */
record LedgerEntryView(
        long id,
        BigDecimal amount,
        @JsonProperty("balance_after") BigDecimal balanceAfter,
        String reason,
        String cause,
        String actor,
        String note,
        @JsonProperty("created_at") OffsetDateTime createdAt) {
}
