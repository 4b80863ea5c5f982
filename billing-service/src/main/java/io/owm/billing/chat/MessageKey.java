package io.owm.billing.chat;

import io.owm.contracts.chat.ChatRef;

/** One assistant message of one user's chat: what a "continue" shares with the reply it extends. */
record MessageKey(String userId, String chatId, String messageId) {

    /** Null when the function sent no chat and message id (old functions, API callers). */
    static MessageKey of(String userId, ChatRef chat) {
        return chat.identifiesMessage() ? new MessageKey(userId, chat.chatId(), chat.messageId()) : null;
    }
}
