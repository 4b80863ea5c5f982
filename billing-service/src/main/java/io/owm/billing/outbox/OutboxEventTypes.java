package io.owm.billing.outbox;

import io.owm.contracts.billing.BalanceAdjusted;
import io.owm.contracts.billing.BillingEvent;
import io.owm.contracts.billing.UserBlocked;
import io.owm.contracts.billing.UserRegistered;
import io.owm.contracts.billing.UserUnblocked;
import java.util.Map;

/** The facts that travel through the outbox, stored under their contract type names. */
final class OutboxEventTypes {

    private static final Map<String, Class<? extends BillingEvent>> TYPES = Map.of(
            BalanceAdjusted.TYPE, BalanceAdjusted.class,
            UserRegistered.TYPE, UserRegistered.class,
            UserBlocked.TYPE, UserBlocked.class,
            UserUnblocked.TYPE, UserUnblocked.class);

    private OutboxEventTypes() {
    }

    static String nameOf(BillingEvent event) {
        String name = event.getClass().getSimpleName();
        if (!TYPES.containsKey(name)) {
            throw new IllegalArgumentException(name + " is not published through the outbox");
        }
        return name;
    }

    static Class<? extends BillingEvent> classOf(String name) {
        Class<? extends BillingEvent> type = TYPES.get(name);
        if (type == null) {
            throw new IllegalStateException("Unknown outbox event type " + name);
        }
        return type;
    }
}
