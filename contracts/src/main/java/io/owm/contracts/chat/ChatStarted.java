package io.owm.contracts.chat;

import java.time.Instant;
import java.util.UUID;

/** An inlet: a user is about to chat with a model. Billing answers with {@code ChatAdmitted}. */
public record ChatStarted(
        UUID eventId,
        Instant occurredAt,
        String requestKey,
        ChatUser user,
        String model,
        ChatRef chat) implements ChatEvent {

    public static final String TYPE = "ChatStarted";
}
