package io.owm.gateway.chat;

import io.owm.contracts.chat.ChatRef;
import io.owm.contracts.chat.ChatUser;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What the gateway keeps of a function call: the user without secrets, the model, where the message sits, and
 * the messages for token counting (never published).
 *
 * @param task set by OpenWebUI for background work such as titles and tags
 */
record ChatRequest(ChatUser user, String model, ChatRef chat, List<JsonNode> messages, String task) {

    JsonNode lastMessage() {
        return messages.get(messages.size() - 1);
    }
}
