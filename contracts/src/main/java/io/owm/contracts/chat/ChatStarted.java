package io.owm.contracts.chat;

import java.time.Instant;
import java.util.UUID;

/**
 * An inlet: a user is about to chat with a model. Billing answers with {@code ChatAdmitted}.
 *
 * @param task OpenWebUI's {@code metadata.task} for background work (title, tags, follow-ups), else null. A task
 *             takes no inlet hold: no outlet ever comes for it, so its hold would never be settled. Functions
 *             that skip tasks (this project's) never send them; the original 0.3.x function does.
 */
public record ChatStarted(
        UUID eventId,
        Instant occurredAt,
        String requestKey,
        ChatUser user,
        String model,
        ChatRef chat,
        String task) implements ChatEvent {

    public static final String TYPE = "ChatStarted";
}
