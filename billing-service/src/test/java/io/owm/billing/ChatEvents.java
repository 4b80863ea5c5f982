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
        return new ChatCompleted(UUID.randomUUID(), Instant.now(), requestKey, user(userId), model, chat, in, out,
                false, "usage:" + in + "/" + out, out);
    }
}
