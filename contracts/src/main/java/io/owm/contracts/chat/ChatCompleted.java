package io.owm.contracts.chat;

import java.time.Instant;
import java.util.UUID;

/**
 * An outlet: a reply is complete and these tokens are to be charged. Billing answers with {@code ChatCharged}.
 *
 * @param tokensEstimated true when the model reported no usage and the gateway counted tokens itself
 * @param usageDigest     a digest of the usage the model reported on the message, null when it reported none: a
 *                        "continue" whose usage is unchanged reported none of its own (OpenWebUI keeps the last)
 * @param replyTokens     tokens of the reply's whole text as the gateway counts them, reported usage or not: what
 *                        a continue added to the reply; null from gateways older than this field
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
        boolean tokensEstimated,
        String usageDigest,
        Long replyTokens) implements ChatEvent {

    public static final String TYPE = "ChatCompleted";
}
