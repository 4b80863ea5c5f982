package io.owm.contracts.chat;

import java.util.Optional;

/**
 * What a chat event may hold. The gateway refuses a request outside these bounds with 400 before anything is
 * published, and billing checks every event against the same bounds, so an event the gateway answered 2xx is
 * one billing can store: PostgreSQL refuses NUL characters and malformed UTF-8 in text, and index entries have a
 * size limit, so an unchecked id could make an answered outlet impossible to charge.
 */
public final class ChatBounds {

    /** User, chat, message and session ids: OpenWebUI's are UUIDs; this leaves room for other callers. */
    public static final int MAX_ID_LENGTH = 256;
    public static final int MAX_MODEL_LENGTH = 256;
    public static final int MAX_NAME_LENGTH = 256;
    /** RFC 5321's limit of a mailbox is 254; a little slack for what OpenWebUI stores. */
    public static final int MAX_EMAIL_LENGTH = 320;
    public static final int MAX_ROLE_LENGTH = 64;
    public static final int MAX_TASK_LENGTH = 64;
    /** Far above any context window: a count beyond it is corrupt, not a long chat. */
    public static final long MAX_TOKENS = 100_000_000L;

    private ChatBounds() {
    }

    /**
     * Why {@code value} cannot be taken as the field {@code name}, or empty. Null is fine here; whether a field is
     * required is the caller's business.
     */
    public static Optional<String> problemWithText(String name, String value, int maxLength) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.length() > maxLength) {
            return Optional.of(name + " is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return Optional.of(name + " must not contain control characters");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of(name + " is not valid Unicode (a lone surrogate)");
            }
        }
        return Optional.empty();
    }

    public static Optional<String> problemWithTokens(String name, long tokens) {
        if (tokens < 0 || tokens > MAX_TOKENS) {
            return Optional.of(name + " must be between 0 and " + MAX_TOKENS);
        }
        return Optional.empty();
    }

    /** The first field of the event outside the bounds, or empty when billing can store all of it. */
    public static Optional<String> problemWith(ChatEvent event) {
        ChatUser user = event.user();
        ChatRef chat = event.chat();
        Optional<String> problem = problemWithText("user.id", user.id(), MAX_ID_LENGTH)
                .or(() -> problemWithText("user.email", user.email(), MAX_EMAIL_LENGTH))
                .or(() -> problemWithText("user.name", user.name(), MAX_NAME_LENGTH))
                .or(() -> problemWithText("user.role", user.role(), MAX_ROLE_LENGTH))
                .or(() -> problemWithText("model", event.model(), MAX_MODEL_LENGTH))
                .or(() -> problemWithText("chat_id", chat.chatId(), MAX_ID_LENGTH))
                .or(() -> problemWithText("message_id", chat.messageId(), MAX_ID_LENGTH))
                .or(() -> problemWithText("session_id", chat.sessionId(), MAX_ID_LENGTH));
        if (problem.isPresent()) {
            return problem;
        }
        if (event instanceof ChatStarted inlet) {
            return problemWithText("task", inlet.task(), MAX_TASK_LENGTH);
        }
        ChatCompleted outlet = (ChatCompleted) event;
        return problemWithTokens("input tokens", outlet.inputTokens())
                .or(() -> problemWithTokens("output tokens", outlet.outputTokens()));
    }
}
