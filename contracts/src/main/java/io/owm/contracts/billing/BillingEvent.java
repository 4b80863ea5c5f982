package io.owm.contracts.billing;

import java.time.Instant;
import java.util.UUID;

/**
 * Facts billing has committed, published to {@code billing-events} keyed by user id. A fact may be published
 * more than once (billing republishes what it committed after a crash or for a repeated request): consumers
 * dedupe on {@link #eventId()}.
 */
public sealed interface BillingEvent
        permits UserRegistered, ChatReply, BalanceAdjusted, UserBlocked, UserUnblocked {

    UUID eventId();

    Instant occurredAt();

    String userId();
}
