package io.owm.analytics.alerts;

import io.owm.contracts.billing.BalanceAdjusted;
import io.owm.contracts.billing.ChatAdmitted;
import io.owm.contracts.billing.ChatCharged;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A balance that went from at or above a threshold to below it with one fact: the moment to tell an admin, once.
 * The balance before is recovered from the fact itself (after, and what the fact moved), so the check needs no
 * state: a user whose balance stays low is not reported again until it has been raised above the threshold.
 */
record BalanceCrossing(String userId, String name, BigDecimal before, BigDecimal after, BigDecimal threshold) {

    BalanceCrossing(String userId, String name, BigDecimal before, BigDecimal after) {
        this(userId, name, before, after, null);
    }

    BalanceCrossing withThreshold(BigDecimal crossed) {
        return new BalanceCrossing(userId, name, before, after, crossed);
    }

    /**
     * The crossing of the user's threshold by this fact: the one billing put on the fact (the user's plan's, or
     * billing's {@code LOW_BALANCE_THRESHOLD}), else {@code fallback} (facts that carry none: admin changes, and
     * facts written before thresholds travelled with them); none for a threshold of zero or none.
     */
    static Optional<BalanceCrossing> of(Object fact, BigDecimal fallback) {
        BalanceCrossing crossing = null;
        BigDecimal threshold = fallback;
        if (fact instanceof ChatCharged charged) {
            // The hold comes back and the cost goes out in one step.
            crossing = new BalanceCrossing(charged.userId(), charged.nickname(),
                    charged.newBalance().subtract(charged.settledHold()).add(charged.cost()), charged.newBalance());
            threshold = orElse(charged.lowBalanceThreshold(), fallback);
        } else if (fact instanceof ChatAdmitted admitted && !admitted.blocked() && !admitted.refused()) {
            crossing = new BalanceCrossing(admitted.userId(), null, admitted.balance().add(admitted.holdAmount()),
                    admitted.balance());
            threshold = orElse(admitted.lowBalanceThreshold(), fallback);
        } else if (fact instanceof BalanceAdjusted adjusted) {
            crossing = new BalanceCrossing(adjusted.userId(), null, adjusted.newBalance().subtract(adjusted.amount()),
                    adjusted.newBalance());
            threshold = orElse(adjusted.lowBalanceThreshold(), fallback);
        }
        if (crossing == null || threshold == null || threshold.signum() <= 0
                || crossing.before.compareTo(threshold) < 0 || crossing.after.compareTo(threshold) >= 0) {
            return Optional.empty();
        }
        return Optional.of(crossing.withThreshold(threshold));
    }

    private static BigDecimal orElse(BigDecimal carried, BigDecimal fallback) {
        return carried != null ? carried : fallback;
    }
}
