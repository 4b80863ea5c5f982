package io.owm.contracts.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChatBoundsTests {

    @Test
    void takesOrdinaryIdsNamesAndTextInAnyScript() {
        assertThat(ChatBounds.problemWithText("user.name", "Zoë 张伟 🦊", 256)).isEmpty();
        assertThat(ChatBounds.problemWithText("user.id", "0f8e4c1a-1111-2222-3333-444455556666", 256)).isEmpty();
        assertThat(ChatBounds.problemWithText("user.id", null, 256)).isEmpty();
        assertThat(ChatBounds.problemWithText("user.id", "x".repeat(256), 256)).isEmpty();
    }

    @Test
    void refusesControlCharactersLoneSurrogatesAndOverlongTextNamingTheField() {
        assertThat(ChatBounds.problemWithText("message_id", "m\u0000", 256)).hasValueSatisfying(problem ->
                assertThat(problem).startsWith("message_id").contains("control"));
        assertThat(ChatBounds.problemWithText("chat_id", "c\n", 256)).isPresent();
        assertThat(ChatBounds.problemWithText("chat_id", "c\u007F", 256)).isPresent();
        assertThat(ChatBounds.problemWithText("user.name", "a\uD800b", 256)).hasValueSatisfying(problem ->
                assertThat(problem).contains("surrogate"));
        assertThat(ChatBounds.problemWithText("user.name", "a\uDC00", 256)).isPresent();
        assertThat(ChatBounds.problemWithText("user.id", "x".repeat(257), 256)).hasValueSatisfying(problem ->
                assertThat(problem).isEqualTo("user.id is longer than 256 characters"));
    }

    @Test
    void checksEveryFieldOfAnOutletAndItsTokenCounts() {
        ChatUser user = new ChatUser("u1", "a@b.c", "Ann", "user");
        ChatRef chat = new ChatRef("c1", "m1", null);
        assertThat(ChatBounds.problemWith(outlet(user, chat, 10, 10))).isEmpty();
        assertThat(ChatBounds.problemWith(outlet(user, new ChatRef("c1", "m\u0000", null), 10, 10)))
                .hasValueSatisfying(problem -> assertThat(problem).startsWith("message_id"));
        assertThat(ChatBounds.problemWith(outlet(new ChatUser("u1", "a@b.c", "A\u0001", "user"), chat, 1, 1)))
                .hasValueSatisfying(problem -> assertThat(problem).startsWith("user.name"));
        assertThat(ChatBounds.problemWith(outlet(user, chat, ChatBounds.MAX_TOKENS + 1, 0)))
                .hasValueSatisfying(problem -> assertThat(problem).startsWith("input tokens"));
        assertThat(ChatBounds.problemWith(outlet(user, chat, 0, -1))).isPresent();
    }

    private static ChatCompleted outlet(ChatUser user, ChatRef chat, long input, long output) {
        return new ChatCompleted(UUID.randomUUID(), Instant.now(), "k", user, "gpt-4o", chat, input, output, false,
                null, null);
    }
}
