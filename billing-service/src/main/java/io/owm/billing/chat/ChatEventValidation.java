package io.owm.billing.chat;

import io.owm.contracts.chat.ChatCompleted;
import io.owm.contracts.chat.ChatEvent;
import java.util.Optional;

/**
 * Values no gateway would ever send. The gateway validates requests, so an event failing here was written by
 * something else or by a broken build: billing refuses it rather than charge a nonsense amount.
 */
final class ChatEventValidation {

    /** Far above any context window; a count beyond it is corrupt, not a long chat. */
    static final long MAX_TOKENS = 100_000_000L;

    private ChatEventValidation() {
    }

    static Optional<String> problemWith(Object value) {
        if (!(value instanceof ChatEvent event)) {
            return Optional.of("not a chat event: " + (value == null ? "undecodable" : value.getClass().getSimpleName()));
        }
        if (event.eventId() == null || event.requestKey() == null || event.requestKey().isBlank()) {
            return Optional.of("eventId and requestKey are required");
        }
        if (event.user() == null || event.user().id() == null || event.user().id().isBlank()) {
            return Optional.of("user.id is required");
        }
        if (event.model() == null || event.model().isBlank() || event.chat() == null) {
            return Optional.of("model and chat are required");
        }
        if (event instanceof ChatCompleted outlet && (outlet.inputTokens() < 0 || outlet.outputTokens() < 0
                || outlet.inputTokens() > MAX_TOKENS || outlet.outputTokens() > MAX_TOKENS)) {
            return Optional.of("token counts out of range: " + outlet.inputTokens() + "/" + outlet.outputTokens());
        }
        return Optional.empty();
    }
}
