package io.owm.contracts.chat;

import java.time.Instant;
import java.util.UUID;

/**
 * An outlet: a reply is complete and these tokens are to be charged. Billing answers with {@code ChatCharged}.
 *
 * @param tokensEstimated true when the model reported no usage and the gateway counted tokens itself
 */
public record ChatCompleted(
        UUID eventId,
        Instant occurredAt,
        String requestKey,
        ChatUser user,
        String model,
        ChatRef chat,
        long inputTokens,
        long outputTokens,
        boolean tokensEstimated) implements ChatEvent {

    public static final String TYPE = "ChatCompleted";
}
