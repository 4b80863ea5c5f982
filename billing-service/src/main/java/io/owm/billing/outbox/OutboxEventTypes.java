package io.owm.billing.outbox;

import io.owm.contracts.billing.BalanceAdjusted;
import io.owm.contracts.billing.BillingEvent;
import io.owm.contracts.billing.UserBlocked;
import io.owm.contracts.billing.UserRegistered;
import io.owm.contracts.billing.UserUnblocked;
import java.util.Set;

/** The facts that take billing's outbox: those of admin changes, which no Kafka record would replay. */
final class OutboxEventTypes {

    static final Set<Class<? extends BillingEvent>> THROUGH_THE_OUTBOX = Set.of(
            BalanceAdjusted.class, UserRegistered.class, UserBlocked.class, UserUnblocked.class);

    private OutboxEventTypes() {
    }
}
