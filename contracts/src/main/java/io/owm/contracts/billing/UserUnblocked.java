package io.owm.contracts.billing;

import java.time.Instant;
import java.util.UUID;

/** A blocked user was restored. */
public record UserUnblocked(UUID eventId, Instant occurredAt, String userId, String actor) implements BillingEvent {

    public static final String TYPE = "UserUnblocked";
}
