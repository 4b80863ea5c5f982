package io.owm.billing;

import io.owm.contracts.chat.ChatCompleted;
import io.owm.contracts.chat.ChatRef;
import io.owm.contracts.chat.ChatStarted;
import io.owm.contracts.chat.ChatUser;
import java.time.Instant;
import java.util.UUID;

/** Chat events as the gateway writes them. */
final class ChatEvents {

    private ChatEvents() {
    }

    static ChatUser user(String id) {
        return new ChatUser(id, id + "@example.com", "User " + id, "user");
    }

    static ChatStarted inlet(String userId, String model, ChatRef chat) {
        return new ChatStarted(UUID.randomUUID(), Instant.now(), "in:" + UUID.randomUUID(), user(userId), model, chat, null);
    }

    static ChatCompleted outlet(String userId, String model, ChatRef chat, String requestKey, long in, long out) {
        return outlet(userId, model, chat, requestKey, in, out, "usage:" + in + "/" + out, out);
    }

    /** An outlet with the usage digest and reply length a "continue" carries. */
    static ChatCompleted outlet(String userId, String model, ChatRef chat, String requestKey, long in, long out,
            String usageDigest, long replyTokens) {
        return new ChatCompleted(UUID.randomUUID(), Instant.now(), requestKey, user(userId), model, chat, in, out,
                false, usageDigest, replyTokens);
    }
}
