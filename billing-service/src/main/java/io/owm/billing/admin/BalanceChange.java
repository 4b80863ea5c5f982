package io.owm.billing.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * The answer to a top-up or deduction.
 *
 * @param amount   what was added (negative: subtracted)
 * @param replayed true when this repeats an earlier request with the same {@code Idempotency-Key}, which changed
 *                 nothing this time
 */
record BalanceChange(
        UserView user,
        BigDecimal amount,
        @JsonProperty("balance_after") BigDecimal balanceAfter,
        String note,
        boolean replayed) {
}
