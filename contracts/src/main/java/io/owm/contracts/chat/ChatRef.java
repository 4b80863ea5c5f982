package io.owm.contracts.chat;

/**
 * Where a message sits in OpenWebUI: chat id, assistant message id and session id. Any of them may be null,
 * since API callers and old functions do not send them.
 */
public record ChatRef(String chatId, String messageId, String sessionId) {

    public static final ChatRef NONE = new ChatRef(null, null, null);

    public boolean identifiesMessage() {
        return chatId != null && messageId != null;
    }
}
