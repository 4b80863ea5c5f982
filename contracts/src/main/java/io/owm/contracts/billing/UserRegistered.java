package io.owm.contracts.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A user was seen for the first time and received the initial balance ({@code INIT_BALANCE}). */
public record UserRegistered(
        UUID eventId,
        Instant occurredAt,
        String userId,
        String email,
        String name,
        String role,
        BigDecimal initialBalance) implements BillingEvent {

    public static final String TYPE = "UserRegistered";
}
