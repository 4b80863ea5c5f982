package io.owm.contracts.billing;

import java.time.Instant;
import java.util.UUID;

/** A user was blocked (the original app calls it deleted); their inlets answer {@code balance: -1}. */
public record UserBlocked(UUID eventId, Instant occurredAt, String userId, String actor) implements BillingEvent {

    public static final String TYPE = "UserBlocked";
}
