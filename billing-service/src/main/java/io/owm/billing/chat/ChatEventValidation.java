package io.owm.billing.chat;

import io.owm.contracts.chat.ChatBounds;
import io.owm.contracts.chat.ChatEvent;
import java.util.Optional;

/**
 * Values no gateway would ever send. The gateway checks every request against {@link ChatBounds} before it
 * publishes, so an event failing here was written by something else or by a broken build: billing refuses it
 * rather than charge a nonsense amount or fail on a value the database cannot store.
 */
final class ChatEventValidation {

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
        return ChatBounds.problemWith(event);
    }
}
