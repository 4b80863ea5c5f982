package io.owm.billing.plan;

import java.math.BigDecimal;
import java.time.ZoneId;

/**
 * A named allowance: {@code amount} at the start of every {@code period} in {@code zone}, applied as {@code mode}
 * says, with optional limits.
 *
 * @param spendCap     the most a user may spend per cap period, whatever the balance; null for none
 * @param messageLimit the most chats a user may start per window; null for none
 * @param lowBalanceThreshold below this balance the user is warned and admins alerted, instead of {@code
 *                     LOW_BALANCE_THRESHOLD}; null to use that
 */
public record Plan(String name, BigDecimal amount, Period period, AllowanceMode mode, ZoneId zone,
        SpendCap spendCap, MessageLimit messageLimit, BigDecimal lowBalanceThreshold) {

    /** At most {@code amount} spent per {@code period}. */
    public record SpendCap(BigDecimal amount, Period period) {
    }

    /** At most {@code count} chats started per {@code window} (an hour or a day). */
    public record MessageLimit(int count, Period window) {
    }

    /** What a user on this plan is given at the start of a period, with {@code balance} before it. */
    public BigDecimal grantFor(BigDecimal balance) {
        return switch (mode) {
            case RESET -> amount.subtract(balance);
            case ADD -> amount;
            case TOP_UP -> balance.compareTo(amount) < 0 ? amount.subtract(balance) : BigDecimal.ZERO;
        };
    }
}
