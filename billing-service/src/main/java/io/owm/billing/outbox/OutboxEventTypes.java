package io.owm.billing.outbox;

import io.owm.contracts.billing.BalanceAdjusted;
import io.owm.contracts.billing.BillingEvent;
import io.owm.contracts.billing.UserBlocked;
import io.owm.contracts.billing.UserRegistered;
import io.owm.contracts.billing.UserUnblocked;
import io.owm.contracts.serde.EventSerde;
import java.util.Set;

/**
 * The facts that travel through the outbox, stored under their contract type names; the names and classes are the
 * event serde's ({@link EventSerde#typeNamed}), this class only says which of them may take this way.
 */
final class OutboxEventTypes {

    private static final Set<Class<? extends BillingEvent>> THROUGH_THE_OUTBOX = Set.of(
            BalanceAdjusted.class, UserRegistered.class, UserBlocked.class, UserUnblocked.class);

    private OutboxEventTypes() {
    }

    static String nameOf(BillingEvent event) {
        if (!THROUGH_THE_OUTBOX.contains(event.getClass())) {
            throw new IllegalArgumentException(event.getClass().getSimpleName() + " is not published through the outbox");
        }
        return event.getClass().getSimpleName();
    }

    static Class<? extends BillingEvent> classOf(String name) {
        Class<?> type = EventSerde.typeNamed(name);
        if (!THROUGH_THE_OUTBOX.contains(type)) {
            throw new IllegalStateException("Unknown outbox event type " + name);
        }
        return type.asSubclass(BillingEvent.class);
    }
}
