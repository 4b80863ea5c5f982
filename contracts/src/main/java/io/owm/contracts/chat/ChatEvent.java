package io.owm.contracts.chat;

import java.time.Instant;
import java.util.UUID;

/**
 * What the gateway learns about a chat, published to {@code chat-events} keyed by user id.
 * Never carries message text: only who, which model, where in which chat, and token counts.
 */
public sealed interface ChatEvent permits ChatStarted, ChatCompleted {

    /** Unique per published request; replies carry it back as their correlation id. */
    UUID eventId();

    Instant occurredAt();

    /**
     * The idempotency key: the same inlet or outlet sent again (HTTP retry, Kafka redelivery) has the same key,
     * so billing applies its effect once and answers repeats with the stored outcome.
     */
    String requestKey();

    ChatUser user();

    String model();

    ChatRef chat();

    default String userId() {
        return user().id();
    }
}
